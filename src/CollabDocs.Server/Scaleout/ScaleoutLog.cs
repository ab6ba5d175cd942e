namespace CollabDocs.Server.Scaleout;

/// <summary>Log messages of the scale-out pieces (event ids 100–119).</summary>
internal static partial class ScaleoutLog
{
    [LoggerMessage(100, LogLevel.Warning, "Redis connection {Connection} to {EndPoint} failed ({FailureType}); retrying in the background.")]
    public static partial void ConnectionFailed(ILogger logger, string connection, string? endPoint, string failureType, Exception? exception);

    [LoggerMessage(101, LogLevel.Information, "Redis connection {Connection} to {EndPoint} restored.")]
    public static partial void ConnectionRestored(ILogger logger, string connection, string? endPoint);

    [LoggerMessage(102, LogLevel.Information, "Node {NodeId} joined the cluster through Redis (prefix {Prefix}).")]
    public static partial void Started(ILogger logger, string nodeId, string prefix);

    [LoggerMessage(103, LogLevel.Warning, "Scale-out housekeeping failed; retrying.")]
    public static partial void HousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Node {DeadNodeId} stopped renewing its heartbeat; removed {Count} presence entries it held.")]
    public static partial void NodeGone(ILogger logger, string deadNodeId, int count);

    [LoggerMessage(105, LogLevel.Debug, "Document {DocumentId}: presence could not be written to Redis.")]
    public static partial void PresenceWriteFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(106, LogLevel.Debug, "Document {DocumentId}: presence could not be read from Redis.")]
    public static partial void PresenceReadFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(107, LogLevel.Warning, "Ignored a malformed commit notification: {Notification}.")]
    public static partial void MalformedNotification(ILogger logger, string notification);
}
