using MessagePack;
using MessagePack.Resolvers;

namespace CollabDocs.Protocol;

/// <summary>The MessagePack settings of the hub protocol, the same for the server and every .NET client.</summary>
public static class MessagePackSerializerOptionsExtensions
{
    /// <summary>
    /// <paramref name="options"/> with <see cref="TextOperationMessagePackFormatter"/> in front of its resolver, so that
    /// a <see cref="CollabDocs.Ot.TextOperation"/> travels in the ot.js form and everything else as before.
    /// </summary>
    /// <example>
    /// <code>
    /// connection.AddMessagePackProtocol(o => o.SerializerOptions = o.SerializerOptions.WithTextOperationFormatter());
    /// </code>
    /// </example>
    public static MessagePackSerializerOptions WithTextOperationFormatter(this MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.WithResolver(CompositeResolver.Create([TextOperationMessagePackFormatter.Instance], [options.Resolver]));
    }
}
