using System.IO.Pipelines;

namespace CollabDocs.Server.Hubs;

/// <summary>The hub's side of a <see cref="SendQueue"/>: writes into its pipe and counts what each flush adds.</summary>
internal sealed class SendQueueWriter(PipeWriter inner, SendQueue queue) : PipeWriter
{
    private long _unflushed;

    public override void Advance(int bytes)
    {
        _unflushed += bytes;
        inner.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        // Counted before the pump can take the bytes, so the count never goes below zero.
        long bytes = _unflushed;
        _unflushed = 0;
        queue.Queued(bytes);
        return inner.FlushAsync(cancellationToken);
    }
}
