using System.Collections.Concurrent;
using CollabDocs.Server.Feeds;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>The host's commit hook: records every committed revision per document, in the order it was told.</summary>
internal sealed class RecordingCommitListener : IDocumentCommitListener
{
    private readonly ConcurrentDictionary<string, List<CommittedOperation>> _seen = new(StringComparer.Ordinal);

    public ValueTask OnCommittedAsync(CommittedOperation operation, CancellationToken cancellationToken)
    {
        var list = _seen.GetOrAdd(operation.DocumentId, _ => []);
        lock (list)
        {
            list.Add(operation);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>What the listener was told about <paramref name="documentId"/> so far.</summary>
    public IReadOnlyList<CommittedOperation> Seen(string documentId)
    {
        if (!_seen.TryGetValue(documentId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>Waits until the listener was told about <paramref name="revision"/> of <paramref name="documentId"/>.</summary>
    public async Task WaitForAsync(string documentId, int revision)
    {
        while (Seen(documentId) is var seen && (seen.Count == 0 || seen[^1].Revision < revision))
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
