using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Client;

/// <summary>The default reconnect policy: at once, then after 0.5, 1 and 2 s, then every 5 s, forever.</summary>
internal sealed class SteadyRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(5);
}
