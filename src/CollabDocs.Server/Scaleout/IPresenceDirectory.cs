using CollabDocs.Server.Protocol;

namespace CollabDocs.Server.Scaleout;

/// <summary>Presence published by every node, so that a join on one node lists the selections held by the others.</summary>
internal interface IPresenceDirectory
{
    /// <summary>The latest presence of every connection joined to the document, on any node (best effort: empty when unreachable).</summary>
    Task<IReadOnlyList<PresenceMessage>> GetAsync(string documentId, CancellationToken cancellationToken = default);
}
