namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>
/// A <see cref="CollabDocs.Ot.TextOperation"/> between silos (the engine stays free of Orleans): one length per
/// component, positive to retain, negative to delete, 0 for the next insert in <see cref="Inserts"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
internal readonly struct TextOperationSurrogate(int[] lengths, string[] inserts)
{
    [Id(0)]
    public int[] Lengths { get; } = lengths;

    [Id(1)]
    public string[] Inserts { get; } = inserts;
}
