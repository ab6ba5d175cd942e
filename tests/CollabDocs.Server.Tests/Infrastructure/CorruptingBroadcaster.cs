using CollabDocs.Ot;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// The test-only switch of the divergence tests: wraps the server's broadcaster and corrupts the inserted
/// text of one operation broadcast (the <c>n</c>-th), keeping its length and its checksum, as a silent bug
/// in delivery would.
/// </summary>
internal sealed class CorruptingBroadcaster(IDocumentBroadcaster inner, int corruptNth) : IDocumentBroadcaster
{
    private int _operations;

    /// <summary>How many broadcasts were corrupted.</summary>
    public int Corrupted { get; private set; }

    /// <summary>Wraps the broadcaster registered last in <paramref name="services"/>.</summary>
    public static void Install(IServiceCollection services, int corruptNth)
    {
        var last = services.Last(d => d.ServiceType == typeof(IDocumentBroadcaster));
        services.Remove(last);
        services.AddSingleton(sp => new CorruptingBroadcaster((IDocumentBroadcaster)last.ImplementationFactory!(sp), corruptNth));
        services.AddSingleton<IDocumentBroadcaster>(sp => sp.GetRequiredService<CorruptingBroadcaster>());
    }

    public Task OperationAsync(OperationMessage message, string? senderConnectionId)
    {
        if (Interlocked.Increment(ref _operations) == corruptNth)
        {
            Corrupted++;
            message = message with { Operation = Corrupt(message.Operation) };
        }

        return inner.OperationAsync(message, senderConnectionId);
    }

    public Task SubscribeAsync(string connectionId, string documentId) => inner.SubscribeAsync(connectionId, documentId);

    public Task UnsubscribeAsync(string connectionId, string documentId) => inner.UnsubscribeAsync(connectionId, documentId);

    public Task PresenceAsync(PresenceMessage message) => inner.PresenceAsync(message);

    public Task PresenceLeftAsync(PresenceLeftMessage message) => inner.PresenceLeftAsync(message);

    public Task ClosedAsync(DocumentClosedMessage message, IReadOnlyCollection<string> connectionIds) => inner.ClosedAsync(message, connectionIds);

    private static TextOperation Corrupt(TextOperation operation)
    {
        var builder = new TextOperationBuilder();
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                builder.Retain(component.Length);
            }
            else if (component.IsDelete)
            {
                builder.Delete(component.Length);
            }
            else
            {
                builder.Insert(new string(component.Text.Select(c => c == 'Z' ? 'Y' : 'Z').ToArray()));
            }
        }

        return builder.Build();
    }
}
