using CollabDocs.Server.Documents;
using CollabDocs.Server.Hubs;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Connections;

/// <summary>Puts a <see cref="SendQueue"/> between each connection's handler and its transport.</summary>
internal static class SendQueueConnectionBuilderExtensions
{
    public static IConnectionBuilder UseSendQueue(this IConnectionBuilder builder)
    {
        long maxBytes = builder.ApplicationServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxSendQueueBytes;
        var logger = builder.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<SendQueue>();
        return builder.Use(next => async connection =>
        {
            var queue = new SendQueue(connection, maxBytes, logger);
            connection.Transport = queue;
            using var closed = connection.ConnectionClosed.Register(static state => ((SendQueue)state!).Closed(), queue);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                // The pump sends what is left, then completes the transport; it is not awaited, as a client
                // that never reads would hold the connection's end until the transport gives up.
                await queue.Output.CompleteAsync().ConfigureAwait(false);
            }
        });
    }
}
