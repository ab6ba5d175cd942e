using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Access;

internal sealed partial class MembershipService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "RoleChanged", Level = LogLevel.Information, Message = "Document {DocumentId}: role of {UserId} set to {Role} by {OwnerId}.")]
        public static partial void RoleChanged(ILogger logger, string documentId, string userId, DocumentRole role, string ownerId);

        [LoggerMessage(EventId = 2, EventName = "ShareLinkCreated", Level = LogLevel.Information, Message = "Document {DocumentId}: share link {UserId} created by {OwnerId}.")]
        public static partial void ShareLinkCreated(ILogger logger, string documentId, string userId, string ownerId);

        [LoggerMessage(EventId = 3, EventName = "ConnectionsRevoked", Level = LogLevel.Information, Message = "Document {DocumentId}: {Count} connection(s) of {UserId} lost access and were unsubscribed.")]
        public static partial void ConnectionsRevoked(ILogger logger, string documentId, string userId, int count);
    }
}
