using CollabDocs.Ot;
using MessagePack;

namespace CollabDocs.Server.Protocol;

// The wire shapes of docs/protocol.md. Property names are camelCase on the wire: SignalR's JSON protocol default, and the
// [Key] names in MessagePack (docs/protocol.md, "Protocols").

/// <summary>
/// A committed operation, broadcast to subscribers and returned by catch-up calls. <see cref="Checksum"/> is the
/// <see cref="TextChecksum"/> of the text at <see cref="Revision"/> (set on live broadcasts; null in catch-up).
/// </summary>
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

/// <summary>
/// The acknowledgement of a submit: the revision the operation was committed as, and the <see cref="TextChecksum"/>
/// of the text at that revision (null when a resend is answered from the log).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("collabdocs.SubmitResult")]
[MessagePackObject]
public sealed record SubmitResult([property: Key("revision")] int Revision, [property: Key("checksum")] uint? Checksum = null);

/// <summary>A selected range in UTF-16 offsets.</summary>
[MessagePackObject]
public sealed record RangeMessage([property: Key("anchor")] int Anchor, [property: Key("head")] int Head);

/// <summary>One connection's selection, at <see cref="Revision"/>.</summary>
[MessagePackObject]
public sealed record PresenceMessage(
    [property: Key("documentId")] string DocumentId,
    [property: Key("sessionId")] string SessionId,
    [property: Key("userId")] string UserId,
    [property: Key("name")] string Name,
    [property: Key("color")] string Color,
    [property: Key("revision")] int Revision,
    [property: Key("ranges")] IReadOnlyList<RangeMessage> Ranges);

/// <summary>A connection's presence is gone.</summary>
[MessagePackObject]
public sealed record PresenceLeftMessage([property: Key("documentId")] string DocumentId, [property: Key("sessionId")] string SessionId);

/// <summary>The connection is no longer subscribed to the document.</summary>
[MessagePackObject]
public sealed record DocumentClosedMessage([property: Key("documentId")] string DocumentId, [property: Key("reason")] string Reason);

/// <summary>The result of <c>Join</c>: the state to start from.</summary>
[MessagePackObject]
public sealed record JoinResult(
    [property: Key("documentId")] string DocumentId,
    [property: Key("revision")] int Revision,
    [property: Key("text")] string? Text,
    [property: Key("operations")] IReadOnlyList<OperationMessage>? Operations,
    [property: Key("presence")] IReadOnlyList<PresenceMessage> Presence,
    [property: Key("role")] string Role,
    [property: Key("sessionId")] string SessionId);

/// <summary>Values of <see cref="DocumentClosedMessage.Reason"/>.</summary>
public static class DocumentClosedReasons
{
    public const string Deleted = "deleted";
    public const string AccessRevoked = "access_revoked";
}
