namespace CollabDocs.Server.Scaleout;

/// <summary>Log messages of the scale-out pieces (event ids 100–119).</summary>
internal static partial class ScaleoutLog
{
    [LoggerMessage(EventId = 100, EventName = "ConnectionFailed", Level = LogLevel.Warning, Message = "Redis connection {Connection} to {EndPoint} failed ({FailureType}); retrying in the background.")]
    public static partial void ConnectionFailed(ILogger logger, string connection, string? endPoint, string failureType, Exception? exception);

    [LoggerMessage(EventId = 101, EventName = "ConnectionRestored", Level = LogLevel.Information, Message = "Redis connection {Connection} to {EndPoint} restored.")]
    public static partial void ConnectionRestored(ILogger logger, string connection, string? endPoint);

    [LoggerMessage(EventId = 102, EventName = "Started", Level = LogLevel.Information, Message = "Node {NodeId} joined the cluster through Redis (prefix {Prefix}).")]
    public static partial void Started(ILogger logger, string nodeId, string prefix);

    [LoggerMessage(EventId = 103, EventName = "HousekeepingFailed", Level = LogLevel.Warning, Message = "Scale-out housekeeping failed; retrying.")]
    public static partial void HousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 104, EventName = "NodeGone", Level = LogLevel.Information, Message = "Node {DeadNodeId} stopped renewing its heartbeat; removed {Count} presence entries it held.")]
    public static partial void NodeGone(ILogger logger, string deadNodeId, int count);

    [LoggerMessage(EventId = 105, EventName = "PresenceWriteFailed", Level = LogLevel.Debug, Message = "Document {DocumentId}: presence could not be written to Redis.")]
    public static partial void PresenceWriteFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(EventId = 106, EventName = "PresenceReadFailed", Level = LogLevel.Debug, Message = "Document {DocumentId}: presence could not be read from Redis.")]
    public static partial void PresenceReadFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(EventId = 107, EventName = "MalformedNotification", Level = LogLevel.Warning, Message = "Ignored a malformed commit notification: {Notification}.")]
    public static partial void MalformedNotification(ILogger logger, string notification);
}
