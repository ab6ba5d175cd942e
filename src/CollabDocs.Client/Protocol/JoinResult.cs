namespace CollabDocs.Client.Protocol;

/// <summary>The result of <c>Join</c>: the state to start (or continue) from.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Revision">The document's current revision.</param>
/// <param name="Text">The whole text at <paramref name="Revision"/>, or null when <paramref name="Operations"/> is sent instead.</param>
/// <param name="Operations">The operations after the known revision, in revision order, or null when <paramref name="Text"/> is sent.</param>
/// <param name="Presence">The other connections' selections.</param>
/// <param name="Role"><c>owner</c>, <c>editor</c> or <c>viewer</c>.</param>
/// <param name="SessionId">This connection's presence id.</param>
public sealed record JoinResult(
    string DocumentId,
    int Revision,
    string? Text,
    IReadOnlyList<OperationMessage>? Operations,
    IReadOnlyList<PresenceMessage>? Presence,
    string Role,
    string SessionId);
