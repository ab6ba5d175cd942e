using CollabDocs.Protocol;

namespace CollabDocs.Client.Sync;

/// <summary>
/// Something the server committed: another client's (or this client's) operation, or the reply to this
/// client's <c>Submit</c> (<see cref="Message"/> null, <see cref="AckSeq"/> set).
/// </summary>
internal readonly record struct ServerEvent(int Revision, OperationMessage? Message, int AckSeq, uint? Checksum = null)
{
    public static ServerEvent Ack(int revision, int seq, uint? checksum) => new(revision, null, seq, checksum);

    public static ServerEvent Of(OperationMessage message) => new(message.Revision, message, 0, message.Checksum);
}
