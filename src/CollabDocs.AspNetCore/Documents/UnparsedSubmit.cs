using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A submit as it arrived, its operation not parsed yet: the local owner checks what needs no operation (the lag)
/// before it pays for parsing (<see cref="OperationInput"/>).
/// </summary>
internal sealed record UnparsedSubmit(int BaseRevision, OperationInput Operation, string ClientId, int Seq, string UserId, string? ConnectionId)
{
    /// <summary>Throws <see cref="CollabException"/> when the operation is malformed or over a limit.</summary>
    public SubmitCommand Parse() => new(BaseRevision, Operation.Parse(), ClientId, Seq, UserId, ConnectionId);
}
