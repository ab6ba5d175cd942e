using System.Buffers;
using System.IO.Pipelines;
using CollabDocs.Server.Security;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// Backpressure on what a connection sends (issue 10): every byte the hub consumes is charged to the connection's and
/// its user's receive buckets (<see cref="RateLimitOptions.ConnectionReceiveBytes"/>), and while either is empty the
/// next read waits for the refill. A flooding client's messages then stay in its socket, unread and unparsed, instead
/// of costing the server CPU; refusing them later (rate limits, roles, lag) would come too late, after parsing.
/// </summary>
internal sealed class ReceiveBudgetReader(PipeReader inner, TokenBucket connection, TokenBucket user, TimeProvider time) : PipeReader
{
    private ReadOnlySequence<byte> _buffer;

    public override void AdvanceTo(SequencePosition consumed)
    {
        Charge(consumed);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        Charge(consumed);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (!connection.HasTokens(out var wait) || !user.HasTokens(out wait))
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        _buffer = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        // Over budget there is nothing to read yet; ReadAsync waits for the refill.
        if (!connection.HasTokens(out _) || !user.HasTokens(out _) || !inner.TryRead(out result))
        {
            result = default;
            return false;
        }

        _buffer = result.Buffer;
        return true;
    }

    private void Charge(SequencePosition consumed)
    {
        long bytes = _buffer.Slice(_buffer.Start, consumed).Length;
        if (bytes > 0)
        {
            connection.Charge(bytes);
            user.Charge(bytes);
        }

        _buffer = default;
    }
}
