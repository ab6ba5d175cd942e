using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// What <see cref="SubmitProcessor.Prepare"/> needs beyond memory, gathered by the actor beforehand:
/// the client's latest submission record, the record of a resent seq, and the committed operations after
/// the submit's base revision (up to the head, or up to just before the resent seq's revision).
/// <see cref="HistoryGone"/>: the log between a resend's base and its committed revision was compacted away, or
/// is further than the lag limit: the resend is answered with its revision without being checked.
/// </summary>
internal readonly record struct SubmitInputs(SubmissionRecord? Latest, SubmissionRecord? Resent, IReadOnlyList<StoredOperation> Committed, bool HistoryGone = false);
