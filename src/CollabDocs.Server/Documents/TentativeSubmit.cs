using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>A submit applied in memory but not yet committed: its committed form and the inverse that undoes it.</summary>
internal readonly record struct TentativeSubmit(SubmitWork Work, TextOperation Operation, TextOperation Inverse, long Hash);
