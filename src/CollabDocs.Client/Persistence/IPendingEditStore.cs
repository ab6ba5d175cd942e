namespace CollabDocs.Client.Persistence;

/// <summary>
/// Keeps each document's pending edits durably. The document saves before every submit and after every
/// local edit while edits are pending, and deletes when it is synchronized; calls for one document never
/// overlap. Implementations must make <see cref="Save"/> atomic: a crash leaves the old or the new snapshot.
/// </summary>
public interface IPendingEditStore
{
    /// <summary>The snapshot saved for <paramref name="documentId"/>, or null.</summary>
    PendingEdits? Load(string documentId);

    /// <summary>Replaces the snapshot of <see cref="PendingEdits.DocumentId"/>.</summary>
    void Save(PendingEdits edits);

    /// <summary>Forgets the snapshot of <paramref name="documentId"/> (nothing is pending any more).</summary>
    void Delete(string documentId);
}
