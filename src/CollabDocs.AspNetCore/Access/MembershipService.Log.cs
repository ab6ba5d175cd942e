using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Access;

internal sealed partial class MembershipService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Document {DocumentId}: role of {UserId} set to {Role} by {OwnerId}.", EventName = "RoleChanged")]
        public static partial void RoleChanged(ILogger logger, string documentId, string userId, DocumentRole role, string ownerId);

        [LoggerMessage(2, LogLevel.Information, "Document {DocumentId}: share link {UserId} created by {OwnerId}.", EventName = "ShareLinkCreated")]
        public static partial void ShareLinkCreated(ILogger logger, string documentId, string userId, string ownerId);

        [LoggerMessage(3, LogLevel.Information, "Document {DocumentId}: {Count} connection(s) of {UserId} lost access and were unsubscribed.", EventName = "ConnectionsRevoked")]
        public static partial void ConnectionsRevoked(ILogger logger, string documentId, string userId, int count);
    }
}
