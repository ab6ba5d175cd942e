using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Interop;

/// <summary>Reconnects at once, then every 50 ms, and never gives up (the run is bounded by the script).</summary>
internal sealed class FastRetry : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(retryContext.PreviousRetryCount == 0 ? 0 : 50);
}
