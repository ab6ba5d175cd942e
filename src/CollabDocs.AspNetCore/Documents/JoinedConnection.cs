using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>A connection joined to a document, with its user and cached role.</summary>
internal readonly record struct JoinedConnection(string ConnectionId, string UserId, DocumentRole Role);
