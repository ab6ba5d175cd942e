using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// A test-only fault on the way out: wraps the server's broadcaster and lets a subclass change or drop the
/// <c>n</c>-th operation broadcast; everything else passes through.
/// </summary>
internal abstract class InterceptingBroadcaster(IDocumentBroadcaster inner, int nth) : IDocumentBroadcaster
{
    private readonly TaskCompletionSource _intercepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _operations;

    /// <summary>
    /// Completes when the <c>n</c>-th broadcast has been intercepted. Broadcasts leave through the document's
    /// outbox after the commit is acknowledged, so a test awaits this rather than reading a count.
    /// </summary>
    public Task Intercepted => _intercepted.Task;

    /// <summary>Wraps the broadcaster registered last in <paramref name="services"/> with <typeparamref name="T"/>.</summary>
    public static void Install<T>(IServiceCollection services, Func<IDocumentBroadcaster, T> wrap)
        where T : InterceptingBroadcaster
    {
        var last = services.Last(d => d.ServiceType == typeof(IDocumentBroadcaster));
        services.Remove(last);
        services.AddSingleton(sp => wrap((IDocumentBroadcaster)last.ImplementationFactory!(sp)));
        services.AddSingleton<IDocumentBroadcaster>(sp => sp.GetRequiredService<T>());
    }

    public Task OperationAsync(OperationMessage message, string? senderConnectionId)
    {
        if (Interlocked.Increment(ref _operations) != nth)
        {
            return inner.OperationAsync(message, senderConnectionId);
        }

        var changed = Intercept(message);
        _intercepted.TrySetResult();
        return changed is not null ? inner.OperationAsync(changed, senderConnectionId) : Task.CompletedTask;
    }

    public Task SubscribeAsync(string connectionId, string documentId) => inner.SubscribeAsync(connectionId, documentId);

    public Task UnsubscribeAsync(string connectionId, string documentId) => inner.UnsubscribeAsync(connectionId, documentId);

    public Task PresenceAsync(PresenceMessage message) => inner.PresenceAsync(message);

    public Task PresenceLeftAsync(PresenceLeftMessage message) => inner.PresenceLeftAsync(message);

    public Task ClosedAsync(DocumentClosedMessage message, IReadOnlyCollection<string> connectionIds) => inner.ClosedAsync(message, connectionIds);

    /// <summary>The broadcast to send instead of <paramref name="message"/>, or null to send none.</summary>
    protected abstract OperationMessage? Intercept(OperationMessage message);
}
