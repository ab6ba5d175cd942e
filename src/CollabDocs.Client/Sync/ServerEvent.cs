using CollabDocs.Client.Protocol;

namespace CollabDocs.Client.Sync;

/// <summary>
/// Something the server committed: another client's (or this client's) operation, or the reply to this
/// client's <c>Submit</c> (<see cref="Message"/> null, <see cref="AckSeq"/> set).
/// </summary>
internal readonly record struct ServerEvent(int Revision, OperationMessage? Message, int AckSeq)
{
    public static ServerEvent Ack(int revision, int seq) => new(revision, null, seq);

    public static ServerEvent Of(OperationMessage message) => new(message.Revision, message, 0);
}
