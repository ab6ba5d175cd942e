using System.IO.Pipelines;

namespace CollabDocs.Server.Hubs;

/// <summary>The hub's reading side of an <see cref="IdleTimeout"/>: tells it whenever bytes arrive.</summary>
internal sealed class IdleTimeoutReader(PipeReader inner, IdleTimeout idle) : PipeReader
{
    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        idle.Received();
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        idle.Received();
        return true;
    }
}
