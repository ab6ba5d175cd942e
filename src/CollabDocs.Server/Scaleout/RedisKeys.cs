using StackExchange.Redis;

namespace CollabDocs.Server.Scaleout;

/// <summary>Every Redis key and channel CollabDocs uses besides SignalR's own, under one prefix.</summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>Pub/sub: "<c>{node} {revision} {documentId}</c>" after every commit.</summary>
    public RedisChannel Commits { get; } = RedisChannel.Literal(prefix + ":commits");

    /// <summary>Set of the ids of the nodes that registered a heartbeat.</summary>
    public RedisKey Nodes { get; } = prefix + ":nodes";

    /// <summary>Hash: connection (session) id → <see cref="StoredPresence"/> JSON, for one document.</summary>
    public RedisKey Presence(string documentId) => prefix + ":presence:" + documentId;

    /// <summary>A node's liveness: exists while the node renews it.</summary>
    public RedisKey Node(string nodeId) => prefix + ":node:" + nodeId;

    /// <summary>Set of the documents a node stored presence for (what to clean when it dies).</summary>
    public RedisKey NodeDocuments(string nodeId) => prefix + ":node-documents:" + nodeId;
}
