using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

internal sealed partial class DocumentSession
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Document {DocumentId} loaded at revision {Revision} ({Length} characters).")]
        public static partial void Loaded(ILogger logger, string documentId, int revision, int length);

        [LoggerMessage(2, LogLevel.Debug, "Document {DocumentId}: commit on revision {Revision} lost the race to another writer (attempt {Attempt}); catching up.")]
        public static partial void CommitConflict(ILogger logger, string documentId, int revision, int attempt);

        [LoggerMessage(3, LogLevel.Error, "Document {DocumentId}: the store failed to commit.")]
        public static partial void CommitFailed(ILogger logger, string documentId, Exception exception);

        [LoggerMessage(4, LogLevel.Error, "Document {DocumentId}: the session failed and closed.")]
        public static partial void SessionFailed(ILogger logger, string documentId, Exception exception);

        [LoggerMessage(5, LogLevel.Warning, "Document {DocumentId}: a broadcast failed.")]
        public static partial void BroadcastFailed(ILogger logger, string documentId, Exception exception);
    }
}
