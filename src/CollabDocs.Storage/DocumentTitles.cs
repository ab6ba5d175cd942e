namespace CollabDocs.Storage;

/// <summary>Limits of a document's title.</summary>
public static class DocumentTitles
{
    /// <summary>The longest title, in UTF-16 code units.</summary>
    public const int MaxLength = 200;
}
