using CollabDocs.Protocol;

namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>Converts <see cref="SubmitResult"/> to and from <see cref="SubmitResultSurrogate"/>.</summary>
[RegisterConverter]
internal sealed class SubmitResultConverter : IConverter<SubmitResult, SubmitResultSurrogate>
{
    public SubmitResult ConvertFromSurrogate(in SubmitResultSurrogate surrogate) => new(surrogate.Revision, surrogate.Checksum);

    public SubmitResultSurrogate ConvertToSurrogate(in SubmitResult value) => new(value.Revision, value.Checksum);
}
