using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// The hub's wire protocols (docs/protocol.md, "Protocols"): JSON always, the default for a client that asks for
/// nothing else; MessagePack as well unless <c>CollabDocs:Hub:MessagePack</c> is false. Both carry operations in the
/// ot.js form and the message shapes under the same camelCase names.
/// </summary>
internal static class HubProtocols
{
    public const string MessagePackKey = HubTimeoutOptions.SectionName + ":MessagePack";

    public static ISignalRServerBuilder AddCollabDocsProtocols(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        signalR.AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()));

        // Read now, as the storage provider is: the protocol list is fixed when SignalR is registered.
        if (configuration.GetValue(MessagePackKey, defaultValue: true))
        {
            signalR.AddMessagePackProtocol(options => options.SerializerOptions = options.SerializerOptions.WithTextOperationFormatter());
        }

        return signalR;
    }
}
