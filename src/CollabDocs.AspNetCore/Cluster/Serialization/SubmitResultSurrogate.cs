namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>A <see cref="CollabDocs.Protocol.SubmitResult"/> between silos (the wire contract stays free of Orleans).</summary>
[GenerateSerializer]
[Immutable]
[Alias("collabdocs.SubmitResult")]
internal readonly record struct SubmitResultSurrogate([property: Id(0)] int Revision, [property: Id(1)] uint? Checksum);
