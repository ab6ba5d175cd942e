using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>Log messages of <see cref="DocumentActor"/>.</summary>
internal static partial class DocumentActorLog
{
    [LoggerMessage(EventId = 1, EventName = "DocumentLoaded", Level = LogLevel.Debug, Message = "Document {DocumentId} loaded at revision {Revision} ({Length} characters).")]
    public static partial void Loaded(ILogger logger, string documentId, int revision, int length);

    [LoggerMessage(EventId = 2, EventName = "CommitConflict", Level = LogLevel.Debug, Message = "Document {DocumentId}: commit on revision {Revision} lost the race to another writer (attempt {Attempt}); catching up.")]
    public static partial void CommitConflict(ILogger logger, string documentId, int revision, int attempt);

    [LoggerMessage(EventId = 3, EventName = "CommitFailed", Level = LogLevel.Error, Message = "Document {DocumentId}: the store failed to commit.")]
    public static partial void CommitFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "ActorFailed", Level = LogLevel.Error, Message = "Document {DocumentId}: the actor failed and closed.")]
    public static partial void ActorFailed(ILogger logger, string documentId, Exception exception);
}
