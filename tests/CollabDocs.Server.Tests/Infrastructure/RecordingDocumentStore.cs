using System.Collections.Concurrent;
using System.Reflection;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// Wraps the server's <see cref="IDocumentStore"/> (whatever else it grows, through a
/// <see cref="DispatchProxy"/>) to see every commit: how many operations each batch carried, and to
/// hold a commit until the test lets it go.
/// </summary>
public class RecordingDocumentStore : DispatchProxy
{
    private IDocumentStore _inner = null!;
    private TaskCompletionSource? _held;
    private TaskCompletionSource? _release;

    /// <summary>The operation count of every batch the store committed, in order.</summary>
    public ConcurrentQueue<int> CommittedBatches { get; } = new();

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

    private async Task<CommitOutcome> CommitAsync(CommitBatch batch, CancellationToken cancellationToken)
    {
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
