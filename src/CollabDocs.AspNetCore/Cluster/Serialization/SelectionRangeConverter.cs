using CollabDocs.Ot;

namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>Converts <see cref="SelectionRange"/> to and from <see cref="SelectionRangeSurrogate"/>.</summary>
[RegisterConverter]
internal sealed class SelectionRangeConverter : IConverter<SelectionRange, SelectionRangeSurrogate>
{
    public SelectionRange ConvertFromSurrogate(in SelectionRangeSurrogate surrogate) => new(surrogate.Anchor, surrogate.Head);

    public SelectionRangeSurrogate ConvertToSurrogate(in SelectionRange value) => new(value.Anchor, value.Head);
}
