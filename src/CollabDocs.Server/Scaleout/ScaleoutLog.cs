namespace CollabDocs.Server.Scaleout;

/// <summary>Log messages of the scale-out pieces (event ids 100–119).</summary>
internal static partial class ScaleoutLog
{
    [LoggerMessage(100, LogLevel.Warning, "Redis connection {Connection} to {EndPoint} failed ({FailureType}); retrying in the background.", EventName = "ConnectionFailed")]
    public static partial void ConnectionFailed(ILogger logger, string connection, string? endPoint, string failureType, Exception? exception);

    [LoggerMessage(101, LogLevel.Information, "Redis connection {Connection} to {EndPoint} restored.", EventName = "ConnectionRestored")]
    public static partial void ConnectionRestored(ILogger logger, string connection, string? endPoint);

    [LoggerMessage(102, LogLevel.Information, "Node {NodeId} joined the cluster through Redis (prefix {Prefix}).", EventName = "Started")]
    public static partial void Started(ILogger logger, string nodeId, string prefix);

    [LoggerMessage(103, LogLevel.Warning, "Scale-out housekeeping failed; retrying.", EventName = "HousekeepingFailed")]
    public static partial void HousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Node {DeadNodeId} stopped renewing its heartbeat; removed {Count} presence entries it held.", EventName = "NodeGone")]
    public static partial void NodeGone(ILogger logger, string deadNodeId, int count);

    [LoggerMessage(105, LogLevel.Debug, "Document {DocumentId}: presence could not be written to Redis.", EventName = "PresenceWriteFailed")]
    public static partial void PresenceWriteFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(106, LogLevel.Debug, "Document {DocumentId}: presence could not be read from Redis.", EventName = "PresenceReadFailed")]
    public static partial void PresenceReadFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(107, LogLevel.Warning, "Ignored a malformed commit notification: {Notification}.", EventName = "MalformedNotification")]
    public static partial void MalformedNotification(ILogger logger, string notification);
}
