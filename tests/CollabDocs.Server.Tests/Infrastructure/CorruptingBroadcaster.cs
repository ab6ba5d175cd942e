using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// The test-only switch of the divergence tests: wraps the server's broadcaster and corrupts the inserted
/// text of one operation broadcast (the <c>n</c>-th), keeping its length and its checksum, as a silent bug
/// in delivery would.
/// </summary>
internal sealed class CorruptingBroadcaster(IDocumentBroadcaster inner, int corruptNth) : InterceptingBroadcaster(inner, corruptNth)
{
    /// <summary>Completes when the broadcast has been corrupted.</summary>
    public Task Corrupted => Intercepted;

    /// <summary>Wraps the broadcaster registered last in <paramref name="services"/>.</summary>
    public static void Install(IServiceCollection services, int corruptNth) =>
        Install(services, inner => new CorruptingBroadcaster(inner, corruptNth));

    protected override OperationMessage? Intercept(OperationMessage message) => message with { Operation = Corrupt(message.Operation) };

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
