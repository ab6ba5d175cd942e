namespace CollabDocs.Protocol;

/// <summary>Values of <see cref="DocumentClosedMessage.Reason"/>.</summary>
public static class DocumentClosedReasons
{
    /// <summary>The document was deleted.</summary>
    public const string Deleted = "deleted";

    /// <summary>The caller lost access to the document.</summary>
    public const string AccessRevoked = "access_revoked";
}
