using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Which connections (and users) are joined to which documents on this node, with the role each joined
/// connection was granted (a cache that spares the store a query per submit; revocation updates it).
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Joined>> _byDocument = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Records the join; false if the connection is already at <paramref name="maxDocuments"/> other documents.</summary>
    public bool Add(string documentId, string connectionId, string userId, int maxDocuments)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var documents))
            {
                documents = new HashSet<string>(StringComparer.Ordinal);
                _byConnection[connectionId] = documents;
            }

            if (!documents.Contains(documentId) && documents.Count >= maxDocuments)
            {
                return false;
            }

            documents.Add(documentId);
            if (!_byDocument.TryGetValue(documentId, out var connections))
            {
                connections = new Dictionary<string, Joined>(StringComparer.Ordinal);
                _byDocument[documentId] = connections;
            }

            if (!connections.TryGetValue(connectionId, out var joined) || joined.UserId != userId)
            {
                connections[connectionId] = new Joined(userId);
            }

            return true;
        }
    }

    public bool Remove(string documentId, string connectionId)
    {
        lock (_lock)
        {
            bool removed = _byDocument.TryGetValue(documentId, out var connections) && connections.Remove(connectionId);
            if (connections is { Count: 0 })
            {
                _byDocument.Remove(documentId);
            }

            if (_byConnection.TryGetValue(connectionId, out var documents))
            {
                documents.Remove(documentId);
                if (documents.Count == 0)
                {
                    _byConnection.Remove(connectionId);
                }
            }

            return removed;
        }
    }

    /// <summary>Forgets the connection; returns the documents it was joined to.</summary>
    public IReadOnlyList<string> RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            if (!_byConnection.Remove(connectionId, out var documents))
            {
                return [];
            }

            foreach (string documentId in documents)
            {
                if (_byDocument.TryGetValue(documentId, out var connections))
                {
                    connections.Remove(connectionId);
                    if (connections.Count == 0)
                    {
                        _byDocument.Remove(documentId);
                    }
                }
            }

            return [.. documents];
        }
    }

    /// <summary>Forgets every join of the document; returns the connections.</summary>
    public IReadOnlyList<string> RemoveDocument(string documentId)
    {
        lock (_lock)
        {
            if (!_byDocument.Remove(documentId, out var connections))
            {
                return [];
            }

            foreach (string connectionId in connections.Keys)
            {
                if (_byConnection.TryGetValue(connectionId, out var documents))
                {
                    documents.Remove(documentId);
                    if (documents.Count == 0)
                    {
                        _byConnection.Remove(connectionId);
                    }
                }
            }

            return [.. connections.Keys];
        }
    }

    /// <summary>The connections of <paramref name="userId"/> joined to the document.</summary>
    public IReadOnlyList<string> ConnectionsOf(string documentId, string userId)
    {
        lock (_lock)
        {
            var result = new List<string>();
            if (_byDocument.TryGetValue(documentId, out var connections))
            {
                foreach (var (connectionId, joined) in connections)
                {
                    if (joined.UserId == userId)
                    {
                        result.Add(connectionId);
                    }
                }
            }

            return result;
        }
    }

    /// <summary>Caches the role of a joined connection; false if it is not joined (any more).</summary>
    public bool SetRole(string documentId, string connectionId, DocumentRole role)
    {
        lock (_lock)
        {
            if (_byDocument.TryGetValue(documentId, out var connections) && connections.TryGetValue(connectionId, out var joined))
            {
                joined.Role = role;
                return true;
            }

            return false;
        }
    }

    /// <summary>The cached role of a joined connection; false if it is not joined or its role is not known.</summary>
    public bool TryGetRole(string documentId, string connectionId, out DocumentRole role)
    {
        lock (_lock)
        {
            role = _byDocument.TryGetValue(documentId, out var connections) && connections.TryGetValue(connectionId, out var joined)
                ? joined.Role
                : DocumentRole.None;
            return role != DocumentRole.None;
        }
    }

    /// <summary>The documents with at least one joined connection.</summary>
    public IReadOnlyList<string> Documents()
    {
        lock (_lock)
        {
            return [.. _byDocument.Keys];
        }
    }

    /// <summary>The joined connections of the document with their users and cached roles.</summary>
    public IReadOnlyList<JoinedConnection> MembersOf(string documentId)
    {
        lock (_lock)
        {
            var result = new List<JoinedConnection>();
            if (_byDocument.TryGetValue(documentId, out var connections))
            {
                foreach (var (connectionId, joined) in connections)
                {
                    result.Add(new JoinedConnection(connectionId, joined.UserId, joined.Role));
                }
            }

            return result;
        }
    }

    public bool IsJoined(string documentId, string connectionId)
    {
        lock (_lock)
        {
            return _byDocument.TryGetValue(documentId, out var connections) && connections.ContainsKey(connectionId);
        }
    }

    public int CountOf(string documentId)
    {
        lock (_lock)
        {
            return _byDocument.TryGetValue(documentId, out var connections) ? connections.Count : 0;
        }
    }

    public int TotalConnections
    {
        get
        {
            lock (_lock)
            {
                return _byConnection.Count;
            }
        }
    }

    private sealed class Joined(string userId)
    {
        public string UserId { get; } = userId;

        /// <summary><see cref="DocumentRole.None"/> until the join has checked it.</summary>
        public DocumentRole Role { get; set; }
    }
}
