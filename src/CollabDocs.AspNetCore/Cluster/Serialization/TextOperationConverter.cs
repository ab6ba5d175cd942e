using CollabDocs.Ot;

namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>Converts <see cref="TextOperation"/> to and from <see cref="TextOperationSurrogate"/>.</summary>
[RegisterConverter]
internal sealed class TextOperationConverter : IConverter<TextOperation, TextOperationSurrogate>
{
    public TextOperation ConvertFromSurrogate(in TextOperationSurrogate surrogate)
    {
        var builder = new TextOperationBuilder(surrogate.Lengths.Length);
        int insert = 0;
        foreach (int length in surrogate.Lengths)
        {
            _ = length switch
            {
                > 0 => builder.Retain(length),
                < 0 => builder.Delete(-length),
                _ => builder.Insert(surrogate.Inserts[insert++]),
            };
        }

        return builder.Build();
    }

    public TextOperationSurrogate ConvertToSurrogate(in TextOperation value)
    {
        var components = value.Components;
        var lengths = new int[components.Length];
        int inserts = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            var component = components[i];
            lengths[i] = component.IsRetain ? component.Length : component.IsDelete ? -component.Length : 0;
            inserts += component.IsInsert ? 1 : 0;
        }

        var texts = new string[inserts];
        inserts = 0;
        foreach (var component in components)
        {
            if (component.IsInsert)
            {
                texts[inserts++] = component.Text;
            }
        }

        return new TextOperationSurrogate(lengths, texts);
    }
}
