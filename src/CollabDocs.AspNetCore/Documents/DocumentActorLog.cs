using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>Log messages of <see cref="DocumentActor"/> and <see cref="DocumentActorManager"/>.</summary>
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

    [LoggerMessage(5, LogLevel.Information, "Document {DocumentId} ({Bytes} bytes) was dropped from memory to make room for another within MaxResidentBytes.", EventName = "DocumentEvicted")]
    public static partial void Evicted(ILogger logger, string documentId, long bytes);

    [LoggerMessage(6, LogLevel.Warning, "Document {DocumentId} (about {Bytes} bytes) was not opened: {ResidentBytes} bytes are held by {OpenDocuments} open documents, all joined or busy, and MaxResidentBytes would be exceeded.", EventName = "DocumentLoadRefused")]
    public static partial void LoadRefused(ILogger logger, string documentId, long bytes, long residentBytes, int openDocuments);
}
