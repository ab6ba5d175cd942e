using CollabDocs.Ot;

namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>A <see cref="CollabDocs.Storage.StoredOperation"/> between silos (the store stays free of Orleans).</summary>
[GenerateSerializer]
[Immutable]
internal readonly record struct StoredOperationSurrogate(
    [property: Id(0)] int Revision,
    [property: Id(1)] TextOperation Operation,
    [property: Id(2)] string ClientId,
    [property: Id(3)] int Seq,
    [property: Id(4)] string UserId,
    [property: Id(5)] long Timestamp);
