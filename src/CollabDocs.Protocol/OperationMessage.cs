using CollabDocs.Ot;
using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>
/// A committed operation as the hub sends it (docs/protocol.md): an <c>Operation</c> broadcast, an entry of
/// <see cref="JoinResult.Operations"/> or of <c>GetOperations</c>.
/// </summary>
/// <param name="DocumentId">The document it belongs to.</param>
/// <param name="Revision">The revision it created: it turns the text at <c>Revision - 1</c> into the text at <c>Revision</c>.</param>
/// <param name="Operation">The change, in ot.js form.</param>
/// <param name="ClientId">The client that submitted it.</param>
/// <param name="Seq">The submitting client's sequence number for it.</param>
/// <param name="UserId">The user behind the submitting connection.</param>
/// <param name="Timestamp">When it was committed, in milliseconds since the Unix epoch.</param>
/// <param name="Checksum">FNV-1a of the text at <paramref name="Revision"/> (<see cref="TextChecksum"/>); set on live broadcasts, null in <c>Join</c> and <c>GetOperations</c>.</param>
[MessagePackObject]
public sealed record OperationMessage(
    [property: Key("documentId")] string DocumentId,
    [property: Key("revision")] int Revision,
    [property: Key("operation")] TextOperation Operation,
    [property: Key("clientId")] string ClientId,
    [property: Key("seq")] int Seq,
    [property: Key("userId")] string UserId,
    [property: Key("timestamp")] long Timestamp,
    [property: Key("checksum")] uint? Checksum = null);
