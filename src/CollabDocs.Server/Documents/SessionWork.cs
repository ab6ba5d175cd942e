using CollabDocs.Ot;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>A request queued to a <see cref="DocumentSession"/>; the session's loop handles them one at a time.</summary>
internal abstract class SessionWork
{
    public abstract void Fail(Exception exception);
}

/// <summary>A request that answers with a value.</summary>
internal abstract class SessionWork<T> : SessionWork
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public void Complete(T value) => _completion.TrySetResult(value);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

internal sealed class SubmitWork(SubmitCommand command) : SessionWork<int>
{
    public SubmitCommand Command { get; } = command;
}

internal sealed class ReadWork(int? knownRevision) : SessionWork<SessionState>
{
    public int? KnownRevision { get; } = knownRevision;
}

internal sealed class FetchWork(int afterRevision, int toRevision, int limit) : SessionWork<IReadOnlyList<StoredOperation>>
{
    public int AfterRevision { get; } = afterRevision;

    public int ToRevision { get; } = toRevision;

    public int Limit { get; } = limit;
}

internal sealed class PresenceWork(PresenceCommand command) : SessionWork<bool>
{
    public PresenceCommand Command { get; } = command;
}

internal sealed class RemovePresenceWork(string sessionId) : SessionWork<bool>
{
    public string SessionId { get; } = sessionId;
}

/// <summary>Housekeeping: flush throttled presence, expire silent connections, catch up with other nodes.</summary>
internal sealed class TickWork(TickKind kind) : SessionWork<bool>
{
    public TickKind Kind { get; } = kind;
}

internal enum TickKind
{
    FlushPresence,
    ExpirePresence,
    CatchUp,
}

/// <summary>A presence update from one connection, identity filled by the server.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record PresenceCommand(string SessionId, string UserId, string Name, string Color, int Revision, SelectionRange[] Ranges);

/// <summary>What a join sees: either the text or the operations since the client's revision, plus presence.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record SessionState(int Revision, string? Text, IReadOnlyList<StoredOperation>? Operations, IReadOnlyList<PresenceSnapshot> Presence);

/// <summary>A presence entry at the revision of the <see cref="SessionState"/> it belongs to.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record PresenceSnapshot(string SessionId, string UserId, string Name, string Color, SelectionRange[] Ranges);

/// <summary>The session was closed (evicted, deleted) before it handled the request; ask the manager again.</summary>
internal sealed class SessionClosedException : Exception
{
    public SessionClosedException()
        : base("The document session was closed.")
    {
    }

    public SessionClosedException(string message)
        : base(message)
    {
    }

    public SessionClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
