namespace CollabDocs.Testing;

/// <summary>
/// One transaction of an editing trace: the patches one author made at once, listed in descending
/// position order so that each applies to the text the previous one left.
/// </summary>
/// <param name="Agent">The author's index in a concurrent trace; 0 in a sequential trace.</param>
/// <param name="Parents">
/// Concurrent traces only: indexes of the transactions this one was typed on top of (empty for one
/// typed on the start text). Sequential traces leave this empty.
/// </param>
/// <param name="Patches">The edits, in apply order.</param>
public sealed record TraceTransaction(int Agent, IReadOnlyList<int> Parents, IReadOnlyList<TracePatch> Patches);
