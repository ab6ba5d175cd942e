using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>Counts the calls of one hub method as they reach the hub, so a test can wait until the server has them all.</summary>
public sealed class HubCallCounter : IHubFilter
{
    private readonly string _method;
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _count;

    private HubCallCounter(string method)
    {
        _method = method;
    }

    /// <summary>Adds a counter of <paramref name="method"/> to every hub of the server.</summary>
    public static HubCallCounter Install(IServiceCollection services, string method)
    {
        var counter = new HubCallCounter(method);
        services.Configure<HubOptions>(options => options.AddFilter(counter));
        return counter;
    }

    /// <summary>Completes once <paramref name="count"/> calls have reached the hub.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_lock)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        if (invocationContext.HubMethodName == _method)
        {
            lock (_lock)
            {
                _count++;
                foreach (var (count, reached) in _waiters)
                {
                    if (_count >= count)
                    {
                        reached.TrySetResult();
                    }
                }
            }
        }

        return next(invocationContext);
    }
}
