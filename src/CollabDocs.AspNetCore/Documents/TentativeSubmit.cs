using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A submit applied in memory but not yet committed: its committed form, the inverse that undoes it, and the
/// <see cref="TextChecksum"/> of the text after it (sent with its acknowledgement and broadcast).
/// </summary>
internal readonly record struct TentativeSubmit(SubmitWork Work, TextOperation Operation, TextOperation Inverse, long Hash, uint Checksum);
