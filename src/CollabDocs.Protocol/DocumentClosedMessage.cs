using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>The server unsubscribed this connection from the document (the <c>DocumentClosed</c> message).</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Reason">One of <see cref="DocumentClosedReasons"/>: <c>deleted</c> or <c>access_revoked</c>.</param>
[MessagePackObject]
public sealed record DocumentClosedMessage([property: Key("documentId")] string DocumentId, [property: Key("reason")] string Reason);
