using CollabDocs.Ot;

namespace CollabDocs.Client.Presence;

/// <summary>Another connection on the document and its selection, moved to this client's local text.</summary>
/// <param name="SessionId">The connection's presence id.</param>
/// <param name="UserId">The user behind it.</param>
/// <param name="Name">The display name the server gives the user.</param>
/// <param name="Color">The colour the server gives the user.</param>
/// <param name="Selection">The selection in offsets of the local text; null when it cannot be placed yet (the client is behind it).</param>
public sealed record RemotePresence(string SessionId, string UserId, string Name, string Color, Selection? Selection);
