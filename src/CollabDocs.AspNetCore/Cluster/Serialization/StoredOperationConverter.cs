using CollabDocs.Storage;

namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>Converts <see cref="StoredOperation"/> to and from <see cref="StoredOperationSurrogate"/>.</summary>
[RegisterConverter]
internal sealed class StoredOperationConverter : IConverter<StoredOperation, StoredOperationSurrogate>
{
    public StoredOperation ConvertFromSurrogate(in StoredOperationSurrogate surrogate) =>
        new(surrogate.Revision, surrogate.Operation, surrogate.ClientId, surrogate.Seq, surrogate.UserId, surrogate.Timestamp);

    public StoredOperationSurrogate ConvertToSurrogate(in StoredOperation value) =>
        new(value.Revision, value.Operation, value.ClientId, value.Seq, value.UserId, value.Timestamp);
}
