namespace CollabDocs.Server.Documents;

internal sealed partial class DocumentSession
{
    // 1 while a catch-up tick from a commit notification is queued and not yet started.
    private int _catchUpQueued;

    /// <summary>
    /// Another node committed <paramref name="revision"/> (a scale-out notification, from any thread): queue
    /// one catch-up unless this session already has that revision or a catch-up is already queued. Does not
    /// count as activity, so an unjoined document is still evicted when idle.
    /// </summary>
    public void NotifyCommitted(int revision)
    {
        if (revision <= Volatile.Read(ref _revision) || Interlocked.Exchange(ref _catchUpQueued, 1) == 1)
        {
            return;
        }

        var tick = new TickWork(TickKind.CatchUp);
        if (!_queue.Writer.TryWrite(tick))
        {
            return;
        }

        // A session closed meanwhile fails the tick: nothing to catch up then.
        tick.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// A client asked about <paramref name="revision"/>, which it learned from another node (a broadcast
    /// through the backplane) before this session heard of it: load the operations committed meanwhile.
    /// </summary>
    private async Task CatchUpIfBehindAsync(int revision)
    {
        if (revision > _revision && _options.SharedStore && _tentative.Count == 0)
        {
            await CatchUpAsync().ConfigureAwait(false);
        }
    }
}
