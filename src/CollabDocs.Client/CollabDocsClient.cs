using System.Collections.Concurrent;
using CollabDocs.Ot;
using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Client;

/// <summary>
/// A connection to a CollabDocs server's hub, on which documents are opened. Reconnects on its own and
/// rejoins every open document, resending unacknowledged edits with the same (client id, seq).
/// </summary>
/// <example>
/// <code>
/// await using var client = new CollabDocsClient(new CollabDocsClientOptions
/// {
///     HubUrl = new Uri("http://localhost:5000/hubs/docs"),
///     AccessTokenProvider = () => Task.FromResult&lt;string?&gt;(token),
/// });
/// var document = await client.OpenAsync("notes");
/// document.Changed += (_, change) => Console.WriteLine($"revision {change.Revision}: {document.Text}");
/// document.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, "Hello\n"));
/// await document.WhenSynchronizedAsync();
/// </code>
/// </example>
public sealed class CollabDocsClient : IAsyncDisposable
{
    private readonly CollabDocsClientOptions _options;
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, CollabDocument> _documents = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly Lock _connectionEvents = new();
    private bool _documentsOnline; // whether the documents were last told OnConnected (under _connectionEvents)
    private bool _started;

    /// <summary>Creates the client; it connects on <see cref="ConnectAsync"/> or the first <see cref="OpenAsync(string, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CollabDocsClient(CollabDocsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var builder = new HubConnectionBuilder()
            .WithUrl(options.HubUrl!, http =>
            {
                if (options.AccessTokenProvider is { } tokens)
                {
                    http.AccessTokenProvider = tokens;
                }

                options.ConfigureConnection?.Invoke(http);
            })
            .WithAutomaticReconnect(options.ReconnectPolicy ?? new SteadyRetryPolicy());
        if (options.UseMessagePack)
        {
            builder.AddMessagePackProtocol(msgpack => msgpack.SerializerOptions = msgpack.SerializerOptions.WithTextOperationFormatter());
        }
        else
        {
            builder.AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        }

        _connection = builder.Build();
        _connection.ServerTimeout = options.ServerTimeout;
        _connection.On<OperationMessage>(HubMethods.Operation, m => Find(m.DocumentId)?.OnOperation(m));
        _connection.On<PresenceMessage>(HubMethods.Presence, m => Find(m.DocumentId)?.OnPresence(m));
        _connection.On<PresenceLeftMessage>(HubMethods.PresenceLeft, m => Find(m.DocumentId)?.OnPresenceLeft(m));
        _connection.On<DocumentClosedMessage>(HubMethods.DocumentClosed, m => Find(m.DocumentId)?.OnDocumentClosed(m.Reason));
        // SignalR raises these events on the thread pool, so a quick drop and reconnect can deliver Reconnected
        // before Reconnecting: the documents would then rejoin and right after give the new connection up. Each
        // event is therefore handled under one lock and only if the connection is still in the state it reports.
        _connection.Reconnecting += error =>
        {
            lock (_connectionEvents)
            {
                if (_connection.State == HubConnectionState.Reconnecting)
                {
                    _documentsOnline = false;
                    ForEachDocument(d => d.OnDisconnected());
                    RaiseConnectionState(HubConnectionState.Reconnecting, error);
                }
            }

            return Task.CompletedTask;
        };
        _connection.Reconnected += _ =>
        {
            lock (_connectionEvents)
            {
                if (_connection.State == HubConnectionState.Connected)
                {
                    RaiseConnectionState(HubConnectionState.Connected, null);
                    TellDocumentsConnected();
                }
            }

            return Task.CompletedTask;
        };
        _connection.Closed += error =>
        {
            lock (_connectionEvents)
            {
                if (_connection.State == HubConnectionState.Disconnected)
                {
                    _documentsOnline = false;
                    ForEachDocument(d => d.OnDisconnected());
                    RaiseConnectionState(HubConnectionState.Disconnected, error);
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>The connection's state changed (connected, reconnecting, disconnected).</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>The client id documents opened from now on send their operations with.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>The state of the hub connection.</summary>
    public HubConnectionState ConnectionState => _connection.State;

    /// <summary>The id of the underlying connection, when connected (changes on every reconnect).</summary>
    public string? ConnectionId => _connection.ConnectionId;

    internal bool IsConnected => _connection.State == HubConnectionState.Connected;

    /// <summary>Connects (again, after the reconnect policy gave up) unless connected; open documents rejoin.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection.State != HubConnectionState.Disconnected)
            {
                return;
            }

            await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
            lock (_connectionEvents)
            {
                RaiseConnectionState(HubConnectionState.Connected, null);
                if (_started)
                {
                    TellDocumentsConnected();
                }

                _documentsOnline = true;
            }

            _started = true;
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>
    /// Opens <paramref name="documentId"/>: connects if needed, joins, and completes when the document has its
    /// text. With a <see cref="CollabDocsClientOptions.PendingEditStore"/>, edits saved by an earlier process
    /// are restored and resent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The document is already open on this client.</exception>
    /// <exception cref="CollabDocsException">The server refused the join (for example <c>document_not_found</c> or <c>forbidden</c>).</exception>
    public Task<CollabDocument> OpenAsync(string documentId, CancellationToken cancellationToken = default) =>
        OpenAsync(documentId, configure: null, cancellationToken);

    /// <summary>
    /// Opens <paramref name="documentId"/> like <see cref="OpenAsync(string, CancellationToken)"/>, running
    /// <paramref name="configure"/> before the first join. An editor that takes <see cref="CollabDocument.Text"/>
    /// and attaches its <see cref="CollabDocument.Changed"/> handler there misses no change: the text is then
    /// empty (or the restored pending edits') and the server's text arrives as a <see cref="DocumentChangeKind.Reset"/>.
    /// Handlers attached after this method returns may miss the changes made in between.
    /// </summary>
    /// <exception cref="InvalidOperationException">The document is already open on this client.</exception>
    /// <exception cref="CollabDocsException">The server refused the join (for example <c>document_not_found</c> or <c>forbidden</c>).</exception>
    public async Task<CollabDocument> OpenAsync(string documentId, Action<CollabDocument>? configure, CancellationToken cancellationToken = default)
    {
        if (!Ids.IsValid(documentId))
        {
            throw new ArgumentException("Document ids are 1–64 characters of [A-Za-z0-9_-].", nameof(documentId));
        }

        await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var document = new CollabDocument(this, documentId, _options);
        if (!_documents.TryAdd(documentId, document))
        {
            throw new InvalidOperationException($"Document '{documentId}' is already open on this client.");
        }

        try
        {
            configure?.Invoke(document);
            await document.OpenAsync(cancellationToken).ConfigureAwait(false);
            return document;
        }
        catch
        {
            await document.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes every open document and the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var document in _documents.Values)
        {
            await document.CloseAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _startLock.Dispose();
    }

    internal Task<T> InvokeAsync<T>(string method, CancellationToken cancellationToken, params object?[] args) =>
        _connection.InvokeCoreAsync<T>(method, args, cancellationToken);

    internal void Detach(CollabDocument document) => _documents.TryRemove(new KeyValuePair<string, CollabDocument>(document.Id, document));

    private CollabDocument? Find(string documentId) => _documents.GetValueOrDefault(documentId);

    private void ForEachDocument(Action<CollabDocument> action)
    {
        foreach (var document in _documents.Values)
        {
            action(document);
        }
    }

    /// <summary>The documents rejoin on the new connection; if they never heard the old one drop, they first void it.</summary>
    private void TellDocumentsConnected()
    {
        if (_documentsOnline)
        {
            ForEachDocument(d => d.OnDisconnected());
        }

        _documentsOnline = true;
        ForEachDocument(d => d.OnConnected());
    }

    private void RaiseConnectionState(HubConnectionState state, Exception? error) =>
        ConnectionStateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(state, error));
}
