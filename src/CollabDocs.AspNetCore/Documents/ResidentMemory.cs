using CollabDocs.Server.Observability;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The approximate bytes the document actors of this node hold together (<see cref="DocumentOptions.MaxResidentBytes"/>'
/// measure): each actor adds the change of its own size after every turn of its loop and takes all of it back when it
/// closes. Reported as the gauge <c>collabdocs.documents.resident</c> (Prometheus: <c>collabdocs_documents_resident_bytes</c>).
/// </summary>
internal sealed class ResidentMemory
{
    private long _bytes;

    public ResidentMemory(CollabDocsMetrics? metrics = null) => metrics?.ObserveResidentBytes(() => Bytes);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long delta) => Interlocked.Add(ref _bytes, delta);
}
