using CollabDocs.Server.Feeds;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>A commit listener that takes its time (a webhook far away), so the listeners fall behind the commits.</summary>
internal sealed class SlowListener(TimeSpan perCall) : IDocumentCommitListener
{
    public async ValueTask OnCommittedAsync(CommittedOperation operation, CancellationToken cancellationToken) =>
        await Task.Delay(perCall, cancellationToken).ConfigureAwait(false);
}
