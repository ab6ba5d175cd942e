using System.Globalization;
using System.Text;
using System.Text.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Feeds;

/// <summary>
/// One reader of <c>GET /api/documents/{id}/events</c>: replays the log after the reader's last revision
/// in pages, then follows live commits. Every operation is sent exactly once and in revision order: live
/// events are used only when they are the next revision, and any gap (a dropped event, a commit of
/// another node) is filled from the log.
/// </summary>
internal sealed class ChangeFeed(DocumentService documents, IDocumentStore store, CommitNotifier notifier, IOptions<FeedOptions> options, IOptions<JsonOptions> json, TimeProvider time)
{
    private readonly FeedOptions _options = options.Value;
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    /// <summary>
    /// Checks access and subscribes (errors here become problem details), then returns the loop that
    /// writes the stream until the reader leaves, loses access or the document is deleted.
    /// </summary>
    public async Task<Func<HttpResponse, CancellationToken, Task>> OpenAsync(Caller caller, string documentId, int? lastRevision, bool presence)
    {
        DocumentIds.Check(documentId);
        if (lastRevision < 0)
        {
            throw CollabException.Invalid($"Last-Event-ID must be a revision (0 or more), got {lastRevision}.");
        }

        await documents.RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);

        // Subscribe before reading the log, so nothing committed in between is missed.
        var subscription = notifier.Subscribe(documentId, presence);
        try
        {
            int start = lastRevision ?? (await store.GetAsync(documentId).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId)).Revision;
            return async (response, cancellationToken) =>
            {
                using (subscription)
                {
                    await RunAsync(response, caller, documentId, start, subscription, cancellationToken).ConfigureAwait(false);
                }
            };
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    private async Task RunAsync(HttpResponse response, Caller caller, string documentId, int last, FeedSubscription subscription, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync(": collabdocs change feed\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            last = await ReplayAsync(response, caller, documentId, last, cancellationToken).ConfigureAwait(false);
            var reader = subscription.Events.Reader;
            while (!cancellationToken.IsCancellationRequested)
            {
                using var idle = new CancellationTokenSource(_options.KeepAliveInterval, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
                bool woke;
                try
                {
                    woke = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Idle: keep the connection open, re-check access, pick up other nodes' commits.
                    await documents.RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                    last = await ReplayAsync(response, caller, documentId, last, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!woke)
                {
                    return;
                }

                while (reader.TryRead(out var next))
                {
                    if (next.Operation is { } operation)
                    {
                        if (operation.Revision == last + 1)
                        {
                            await WriteOperationAsync(response, operation, cancellationToken).ConfigureAwait(false);
                            last = operation.Revision;
                        }
                        else if (operation.Revision > last)
                        {
                            last = await ReplayAsync(response, caller, documentId, last, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    else if (next.Closed is { } closed)
                    {
                        await WriteEventAsync(response, "closed", null, closed, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    else
                    {
                        await WriteEventAsync(response, next.Presence is null ? "presenceLeft" : "presence", null, (object?)next.Presence ?? next.PresenceLeft, cancellationToken).ConfigureAwait(false);
                    }
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader left.
        }
        catch (CollabException ex) when (ex.Code is ErrorCodes.DocumentNotFound or ErrorCodes.Forbidden)
        {
            // Deleted or access revoked while streaming: say so as the hub does, then end the stream.
            string reason = ex.Code == ErrorCodes.Forbidden ? DocumentClosedReasons.AccessRevoked : DocumentClosedReasons.Deleted;
            await WriteEventAsync(response, "closed", null, new DocumentClosedMessage(documentId, reason), CancellationToken.None).ConfigureAwait(false);
        }
        catch (CollabException ex)
        {
            await WriteEventAsync(response, "error", null, new { code = ex.Code, detail = ex.Message }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the committed operations after <paramref name="last"/>, page by page; returns the last revision sent.</summary>
    private async Task<int> ReplayAsync(HttpResponse response, Caller caller, string documentId, int last, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await documents.GetOperationsAsync(caller, documentId, last, null).ConfigureAwait(false);
            foreach (var operation in page)
            {
                await WriteOperationAsync(response, operation, cancellationToken).ConfigureAwait(false);
                last = operation.Revision;
            }

            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return last;
            }
        }
    }

    private Task WriteOperationAsync(HttpResponse response, OperationMessage operation, CancellationToken cancellationToken) =>
        WriteEventAsync(response, "operation", operation.Revision, operation, cancellationToken);

    private async Task WriteEventAsync(HttpResponse response, string eventName, int? id, object? data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(eventName).Append('\n');
        if (id is int revision)
        {
            text.Append("id: ").Append(revision.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // JSON never contains a raw newline, so one data line holds it.
        text.Append("data: ").Append(JsonSerializer.Serialize(data, data?.GetType() ?? typeof(object), _json)).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
