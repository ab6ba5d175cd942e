using System.Collections.Concurrent;
using System.Reflection;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// Wraps the server's <see cref="IDocumentStore"/> (whatever else it grows, through a
/// <see cref="DispatchProxy"/>) to see every commit: how many operations each batch carried, to
/// hold a commit until the test lets it go, and to fail on demand (a store that throws, that is
/// unreachable, or on which another writer always wins the commit race).
/// </summary>
public class RecordingDocumentStore : DispatchProxy
{
    private IDocumentStore _inner = null!;
    private TaskCompletionSource? _held;
    private TaskCompletionSource? _release;
    private int _commitAttempts;

    /// <summary>The operation count of every batch the store committed, in order.</summary>
    public ConcurrentQueue<int> CommittedBatches { get; } = new();

    /// <summary>How many times the server called <see cref="IDocumentStore.CommitAsync"/>.</summary>
    public int CommitAttempts => Volatile.Read(ref _commitAttempts);

    /// <summary>When set, every commit throws it before reaching the store (the disk or database failed).</summary>
    public Exception? CommitFailure { get; set; }

    /// <summary>When true, every commit reports <see cref="CommitOutcome.Conflict"/> without writing, as if another node always won.</summary>
    public bool LoseEveryCommitRace { get; set; }

    /// <summary>When set, every call of the store throws it: the store is unreachable.</summary>
    public Exception? Outage { get; set; }

    /// <summary>Replaces the registered store with a recording one; returns a handle to what it records.</summary>
    public static RecordingDocumentStore Install(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var descriptor = services.Last(d => d.ServiceType == typeof(IDocumentStore));
        services.Remove(descriptor);
        var store = (RecordingDocumentStore)(object)Create<IDocumentStore, RecordingDocumentStore>();
        services.AddSingleton(provider =>
        {
            store._inner = (IDocumentStore)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
            return (IDocumentStore)(object)store;
        });
        return store;
    }

    /// <summary>Holds the next commit before it reaches the store; the task completes once one is held.</summary>
    public Task HoldNextCommitAsync()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _held, held);
        return held.Task;
    }

    /// <summary>Lets the held commit go on.</summary>
    public void Release() => _release?.TrySetResult();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (Outage is { } outage)
        {
            return FailedTask(targetMethod, outage);
        }

        if (targetMethod.Name == nameof(IDocumentStore.CommitAsync) && args?[0] is CommitBatch batch)
        {
            return CommitAsync(batch, args.Length > 1 && args[1] is CancellationToken token ? token : default);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    /// <summary>A faulted task of the method's return type (every store method is asynchronous).</summary>
    private static object FailedTask(MethodInfo method, Exception error)
    {
        var type = method.ReturnType;
        if (!type.IsGenericType)
        {
            return Task.FromException(error);
        }

        var fromException = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!;
        return fromException.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [error])!;
    }

    private async Task<CommitOutcome> CommitAsync(CommitBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commitAttempts);
        if (CommitFailure is { } failure)
        {
            throw failure;
        }

        if (LoseEveryCommitRace)
        {
            return CommitOutcome.Conflict;
        }

        if (Interlocked.Exchange(ref _held, null) is { } held)
        {
            held.TrySetResult();
            await _release!.Task.ConfigureAwait(false);
        }

        var outcome = await _inner.CommitAsync(batch, cancellationToken).ConfigureAwait(false);
        if (outcome == CommitOutcome.Committed)
        {
            CommittedBatches.Enqueue(batch.Operations.Count);
        }

        return outcome;
    }
}
