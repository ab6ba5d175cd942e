using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>Log messages of <see cref="DocumentActor"/>.</summary>
internal static partial class DocumentActorLog
{
    [LoggerMessage(1, LogLevel.Debug, "Document {DocumentId} loaded at revision {Revision} ({Length} characters).", EventName = "DocumentLoaded")]
    public static partial void Loaded(ILogger logger, string documentId, int revision, int length);

    [LoggerMessage(2, LogLevel.Debug, "Document {DocumentId}: commit on revision {Revision} lost the race to another writer (attempt {Attempt}); catching up.", EventName = "CommitConflict")]
    public static partial void CommitConflict(ILogger logger, string documentId, int revision, int attempt);

    [LoggerMessage(3, LogLevel.Error, "Document {DocumentId}: the store failed to commit.", EventName = "CommitFailed")]
    public static partial void CommitFailed(ILogger logger, string documentId, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Document {DocumentId}: the actor failed and closed.", EventName = "ActorFailed")]
    public static partial void ActorFailed(ILogger logger, string documentId, Exception exception);
}
