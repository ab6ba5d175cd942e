using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// Counts the hub calls in flight and, once the server stops (<see cref="GracefulHubStop"/>), refuses new submits with
/// <c>unavailable</c> (nothing was changed: the client resends the same seq after it reconnects, here or elsewhere).
/// Runs inside <see cref="ErrorFilter"/>, which turns the refusal into the protocol's error.
/// </summary>
internal sealed class HubDrain : IHubFilter
{
    // Wall-clock on purpose: a stop must end even when the app runs on a test's frozen TimeProvider.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private int _inFlight;
    private long _lastStarted;
    private int _stopping;

    public bool IsStopping => Volatile.Read(ref _stopping) == 1;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Counted before the flag is read (both full fences): a submit that saw no stop is waited for by the drain.
        Interlocked.Increment(ref _inFlight);
        try
        {
            Volatile.Write(ref _lastStarted, Clock.GetTimestamp());
            if (IsStopping && invocationContext.HubMethodName == nameof(DocumentHub.Submit))
            {
                throw new CollabException(ErrorCodes.Unavailable, "The server is shutting down; nothing was changed. Resend the same seq after reconnecting.");
            }

            return await next(invocationContext).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>From now on submits are refused.</summary>
    public void Stop() => Interlocked.Exchange(ref _stopping, 1);

    /// <summary>
    /// Waits until no call is in flight and none started for <paramref name="quiet"/> (the clients have had their
    /// answers, refusals included, and sent nothing more), or <paramref name="budget"/> has passed; true when quiet.
    /// </summary>
    public async Task<bool> WaitQuietAsync(TimeSpan quiet, TimeSpan budget)
    {
        long start = Clock.GetTimestamp();
        while (Volatile.Read(ref _inFlight) > 0 || (Volatile.Read(ref _lastStarted) != 0 && Clock.GetElapsedTime(Volatile.Read(ref _lastStarted)) < quiet))
        {
            if (Clock.GetElapsedTime(start) >= budget)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Clock).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Waits until <paramref name="done"/> holds or <paramref name="budget"/> has passed; true when it holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan budget)
    {
        long start = Clock.GetTimestamp();
        while (!done())
        {
            if (Clock.GetElapsedTime(start) >= budget)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Clock).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>How many calls are in flight.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);
}
