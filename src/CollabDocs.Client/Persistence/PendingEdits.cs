using CollabDocs.Ot;

namespace CollabDocs.Client.Persistence;

/// <summary>
/// A document's unacknowledged edits, as one consistent snapshot: the server's text at <see cref="Revision"/>,
/// the operation sent as <see cref="Seq"/> on top of it, and later edits composed into <see cref="Buffer"/>.
/// Restored, the document joins from <see cref="Revision"/> and resends the operation with the same
/// (<see cref="ClientId"/>, <see cref="Seq"/>), which the server applies at most once.
/// </summary>
/// <param name="DocumentId">The document.</param>
/// <param name="ClientId">The client id the operation was sent with.</param>
/// <param name="Revision">The revision the snapshot is at.</param>
/// <param name="Text">The server's text at <paramref name="Revision"/>.</param>
/// <param name="Seq">The seq of <paramref name="Operation"/>.</param>
/// <param name="Operation">The outstanding operation, on the text at <paramref name="Revision"/>.</param>
/// <param name="Buffer">Later local edits composed, on the text after <paramref name="Operation"/>; null when none.</param>
public sealed record PendingEdits(string DocumentId, string ClientId, int Revision, string Text, int Seq, TextOperation Operation, TextOperation? Buffer);
