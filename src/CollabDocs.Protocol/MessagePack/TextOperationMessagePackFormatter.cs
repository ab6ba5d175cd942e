using CollabDocs.Ot;
using MessagePack;
using MessagePack.Formatters;

namespace CollabDocs.Protocol;

/// <summary>
/// The ot.js form in MessagePack, for SignalR's MessagePack hub protocol: an array of positive integers (retain),
/// strings (insert) and negative integers (delete), read with the same checks as <see cref="TextOperation.FromJson(System.Text.Json.JsonElement, OperationLimits)"/>.
/// Add it with <see cref="MessagePackSerializerOptionsExtensions.WithTextOperationFormatter"/>.
/// </summary>
public sealed class TextOperationMessagePackFormatter : IMessagePackFormatter<TextOperation?>
{
    /// <summary>The one instance (the formatter has no state).</summary>
    public static readonly TextOperationMessagePackFormatter Instance = new();

    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, TextOperation? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(value.Components.Length);
        foreach (var component in value.Components)
        {
            if (component.IsInsert)
            {
                writer.Write(component.Text);
            }
            else
            {
                writer.Write(component.IsRetain ? component.Length : -component.Length);
            }
        }
    }

    /// <inheritdoc />
    public TextOperation? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        int count = reader.ReadArrayHeader();
        var components = new object?[count];
        for (int i = 0; i < count; i++)
        {
            components[i] = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadInt64() : ReadOther(ref reader);
        }

        return TextOperation.FromValues(components, OperationLimits.None);
    }

    // Anything else is malformed; FromValues names it by its type.
    private static object ReadOther(ref MessagePackReader reader)
    {
        var type = reader.NextMessagePackType;
        reader.Skip();
        return type;
    }
}
