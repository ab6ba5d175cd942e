using System.Net;
using StackExchange.Redis;

namespace CollabDocs.Server.Cluster;

/// <summary>Log messages of the cluster pieces (event ids 100–129).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, EventName = "RedisConnectionFailed", Message = "Redis connection {Connection} to {EndPoint} failed ({FailureType}); retrying in the background.")]
    public static partial void ConnectionFailed(ILogger logger, string connection, EndPoint? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, EventName = "RedisConnectionRestored", Message = "Redis connection {Connection} to {EndPoint} restored.")]
    public static partial void ConnectionRestored(ILogger logger, string connection, EndPoint? endPoint);
}
