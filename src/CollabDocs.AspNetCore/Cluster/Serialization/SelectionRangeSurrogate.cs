namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>A <see cref="CollabDocs.Ot.SelectionRange"/> between silos.</summary>
[GenerateSerializer]
[Immutable]
internal readonly record struct SelectionRangeSurrogate([property: Id(0)] int Anchor, [property: Id(1)] int Head);
