using CollabDocs.Server.Documents;
using CollabDocs.Server.Hubs;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Connections;

/// <summary>Puts a <see cref="SendQueue"/> and an <see cref="IdleTimeout"/> between each connection's handler and its transport.</summary>
internal static class SendQueueConnectionBuilderExtensions
{
    public static IConnectionBuilder UseIdleTimeout(this IConnectionBuilder builder)
    {
        var timeout = builder.ApplicationServices.GetRequiredService<IOptions<HubTimeoutOptions>>().Value.ClientTimeoutInterval;
        // The wall clock, like SignalR's own keep-alive and timeouts (the server's TimeProvider drives documents).
        var time = TimeProvider.System;
        var logger = builder.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<IdleTimeout>();
        return builder.Use(next => async connection =>
        {
            using var idle = new IdleTimeout(connection, timeout, time, logger);
            connection.Transport = idle;
            await next(connection).ConfigureAwait(false);
        });
    }

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
