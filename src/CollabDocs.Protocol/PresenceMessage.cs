using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>Another connection's selection (the <c>Presence</c> broadcast and <see cref="JoinResult.Presence"/>).</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="SessionId">The connection's presence id.</param>
/// <param name="UserId">The user behind it.</param>
/// <param name="Name">The display name the server gives the user.</param>
/// <param name="Color">The colour the server gives the user (CSS hex).</param>
/// <param name="Revision">The revision whose text <paramref name="Ranges"/> are offsets in.</param>
/// <param name="Ranges">The selected ranges; empty when the user has no selection.</param>
[MessagePackObject]
public sealed record PresenceMessage(
    [property: Key("documentId")] string DocumentId,
    [property: Key("sessionId")] string SessionId,
    [property: Key("userId")] string UserId,
    [property: Key("name")] string Name,
    [property: Key("color")] string Color,
    [property: Key("revision")] int Revision,
    [property: Key("ranges")] IReadOnlyList<RangeMessage> Ranges);
