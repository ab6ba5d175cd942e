namespace CollabDocs.Storage;

/// <summary>A document's full text at <see cref="Revision"/>.</summary>
public sealed record DocumentSnapshot(int Revision, string Text);
