using System.Collections.Concurrent;
using CollabDocs.Server.Observability;

namespace CollabDocs.Server.Cluster;

/// <summary>The documents whose grain is active on this silo (the <c>collabdocs_documents_open</c> gauge).</summary>
internal sealed class OwnedDocuments
{
    private readonly ConcurrentDictionary<string, byte> _documents = new(StringComparer.Ordinal);

    public OwnedDocuments(CollabDocsMetrics metrics)
    {
        metrics.ObserveOpenDocuments(() => _documents.Count);
    }

    public void Add(string documentId) => _documents.TryAdd(documentId, 0);

    public void Remove(string documentId) => _documents.TryRemove(documentId, out _);
}
