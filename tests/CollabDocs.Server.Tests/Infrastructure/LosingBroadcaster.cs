using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>The test-only switch of the lost-broadcast tests: the <c>n</c>-th operation broadcast never leaves the server.</summary>
internal sealed class LosingBroadcaster(IDocumentBroadcaster inner, int loseNth) : InterceptingBroadcaster(inner, loseNth)
{
    /// <summary>Completes when the broadcast has been lost.</summary>
    public Task Lost => Intercepted;

    /// <summary>Wraps the broadcaster registered last in <paramref name="services"/>.</summary>
    public static void Install(IServiceCollection services, int loseNth) =>
        Install(services, inner => new LosingBroadcaster(inner, loseNth));

    protected override OperationMessage? Intercept(OperationMessage message) => null;
}
