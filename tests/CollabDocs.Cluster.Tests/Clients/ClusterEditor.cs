using System.Collections.Concurrent;
using CollabDocs.Client;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Cluster.Tests.Clients;

/// <summary>
/// A CollabDocs.Client document typing random edits, with what the cluster tests check recorded: every
/// acknowledgement, every unexpected error, reconnects and the sessions it saw. Connects with WebSockets and
/// no negotiation, as a client behind a round-robin balancer must.
/// </summary>
internal sealed class ClusterEditor : IAsyncDisposable
{
    private static readonly HashSet<string> ExpectedErrors = [ErrorCodes.Unavailable, ErrorCodes.RateLimited, ErrorCodes.Connection];

    private readonly CollabDocsClient _client;
    private readonly Random _random;
    private int _reconnects;
    private int _acknowledgedInLog;

    private ClusterEditor(string name, CollabDocsClient client, CollabDocument document, int seed)
    {
        Name = name;
        _client = client;
        Document = document;
        _random = new Random(seed);
        document.Acknowledged += (_, ack) =>
        {
            Acks[ack.Seq] = ack.Revision;
            if (ack.FoundInLog)
            {
                Interlocked.Increment(ref _acknowledgedInLog);
            }
        };
        document.Error += (_, e) =>
        {
            if (!ExpectedErrors.Contains(e.Error.Code))
            {
                Errors.Enqueue($"{Name}: {e.Error.Code}: {e.Error.Message}");
            }
        };
        document.Changed += (_, change) =>
        {
            if (change.DiscardedLocalChanges)
            {
                Errors.Enqueue($"{Name}: local edits discarded by a reset at revision {change.Revision}.");
            }
        };
        document.PresenceChanged += (_, _) => RememberSessions();
        client.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == HubConnectionState.Reconnecting)
            {
                Interlocked.Increment(ref _reconnects);
            }
        };
    }

    public string Name { get; }

    public CollabDocument Document { get; }

    public string ClientId => Document.ClientId;

    public string? SessionId => Document.SessionId;

    /// <summary>(seq → revision) of every acknowledged operation.</summary>
    public ConcurrentDictionary<int, int> Acks { get; } = new();

    /// <summary>Anything that broke the protocol; a test asserts it stays empty.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Every other session this client's presence list held at some point.</summary>
    public ConcurrentDictionary<string, bool> SeenSessions { get; } = new(StringComparer.Ordinal);

    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Operations acknowledged by finding them committed (after a rejoin or a gap fill).</summary>
    public int AcknowledgedInLog => Volatile.Read(ref _acknowledgedInLog);

    /// <summary>How many operations were sent (seq handed out).</summary>
    public int Sent => Document.LastSeq;

    public static async Task<ClusterEditor> ConnectAsync(string name, string url, string documentId, int seed)
    {
        var client = new CollabDocsClient(new CollabDocsClientOptions
        {
            HubUrl = new Uri(url + "/hubs/docs"),
            ConfigureConnection = http =>
            {
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
            },
            ReconnectPolicy = new SteadyRetry(),
        });
        var document = await client.OpenAsync(documentId).WaitAsync(TimeSpan.FromSeconds(30));
        var editor = new ClusterEditor(name, client, document, seed);
        editor.RememberSessions();

        // Publish a cursor, so that the others list this session and hear when it goes.
        document.SetSelection(Selection.Cursor(0));
        return editor;
    }

    /// <summary>A random local edit (insert and/or delete a few characters), sent or buffered.</summary>
    public void Edit() => Document.Edit(RandomEdit);

    /// <summary>Publishes a selection (sent once synchronized).</summary>
    public void Select(int anchor, int head) => Document.SetSelection(new Selection(new SelectionRange(anchor, head)));

    /// <summary>Waits until its own operations are acknowledged and the server has nothing newer.</summary>
    public async Task SyncAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await Document.WhenSynchronizedAsync().WaitAsync(TimeSpan.FromSeconds(10));
                await Document.CatchUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
                if (Document.State == SyncState.Synchronized)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or CollabDocsException or IOException)
            {
                // Not connected yet, or still behind: try again until the deadline.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not synchronize within {timeout.TotalSeconds:0} s (revision {Document.Revision}, state {Document.State}, status {Document.Status}).");
            }

            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private void RememberSessions()
    {
        foreach (var presence in Document.Presence)
        {
            SeenSessions[presence.SessionId] = true;
        }
    }

    private TextOperation RandomEdit(string text)
    {
        int position = _random.Next(text.Length + 1);
        int room = text.Length - position;
        bool shrink = text.Length > 400;
        int delete = room > 0 && (shrink || _random.Next(3) == 0) ? _random.Next(1, Math.Min(room, shrink ? 12 : 3) + 1) : 0;
        string insert = delete > 0 && _random.Next(2) == 0 ? string.Empty : new string((char)('a' + _random.Next(26)), _random.Next(1, 4));
        return TextOperation.Splice(text.Length, position, delete, insert);
    }

    /// <summary>Reconnect every half second for a minute (a node restart or a failover takes a few seconds).</summary>
    private sealed class SteadyRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromSeconds(60) ? TimeSpan.FromMilliseconds(500) : null;
    }
}
