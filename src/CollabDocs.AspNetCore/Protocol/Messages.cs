using CollabDocs.Ot;

namespace CollabDocs.Server.Protocol;

// The wire shapes of docs/protocol.md. Property names are camelCase on the wire (SignalR's JSON protocol default).

/// <summary>
/// A committed operation, broadcast to subscribers and returned by catch-up calls. <see cref="Checksum"/> is the
/// <see cref="TextChecksum"/> of the text at <see cref="Revision"/> (set on live broadcasts; null in catch-up).
/// </summary>
public sealed record OperationMessage(string DocumentId, int Revision, TextOperation Operation, string ClientId, int Seq, string UserId, long Timestamp, uint? Checksum = null);

/// <summary>
/// The acknowledgement of a submit: the revision the operation was committed as, and the <see cref="TextChecksum"/>
/// of the text at that revision (null when a resend is answered from the log).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("collabdocs.SubmitResult")]
public sealed record SubmitResult(int Revision, uint? Checksum = null);

/// <summary>A selected range in UTF-16 offsets.</summary>
public sealed record RangeMessage(int Anchor, int Head);

/// <summary>One connection's selection, at <see cref="Revision"/>.</summary>
public sealed record PresenceMessage(string DocumentId, string SessionId, string UserId, string Name, string Color, int Revision, IReadOnlyList<RangeMessage> Ranges);

/// <summary>A connection's presence is gone.</summary>
public sealed record PresenceLeftMessage(string DocumentId, string SessionId);

/// <summary>The connection is no longer subscribed to the document.</summary>
public sealed record DocumentClosedMessage(string DocumentId, string Reason);

/// <summary>The result of <c>Join</c>: the state to start from.</summary>
public sealed record JoinResult(
    string DocumentId,
    int Revision,
    string? Text,
    IReadOnlyList<OperationMessage>? Operations,
    IReadOnlyList<PresenceMessage> Presence,
    string Role,
    string SessionId);

/// <summary>Values of <see cref="DocumentClosedMessage.Reason"/>.</summary>
public static class DocumentClosedReasons
{
    public const string Deleted = "deleted";
    public const string AccessRevoked = "access_revoked";
}
