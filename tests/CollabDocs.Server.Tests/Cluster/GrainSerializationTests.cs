using CollabDocs.Protocol;
using CollabDocs.Server.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CollabDocs.Server.Tests.Cluster;

/// <summary>
/// The acknowledgement crosses silos (a submit on one node, the document's owner on another) although the wire
/// contract knows nothing of Orleans: through the server's surrogate.
/// </summary>
public sealed class GrainSerializationTests
{
    [Theory]
    [InlineData(7, 2608082045u)]
    [InlineData(1, null)]
    public void SubmitResult_RoundTripsThroughOrleans(int revision, uint? checksum)
    {
        using var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(IDocumentGrain).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var result = new SubmitResult(revision, checksum);

        var copy = serializer.Deserialize<SubmitResult>(serializer.SerializeToArray(result));

        Assert.Equal(result, copy);
        Assert.NotSame(result, copy);
        Assert.Same(result, services.GetRequiredService<DeepCopier>().Copy(result));
    }
}
