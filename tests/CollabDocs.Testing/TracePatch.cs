namespace CollabDocs.Testing;

/// <summary>
/// One edit of an editing trace, with splice semantics: at <paramref name="Position"/> delete
/// <paramref name="DeleteCount"/> characters, then insert <paramref name="Insert"/> there.
/// </summary>
/// <param name="Position">Where the edit happens, in UTF-16 code units (equal to code points in the shipped traces).</param>
/// <param name="DeleteCount">Characters deleted at <paramref name="Position"/>.</param>
/// <param name="Insert">Text inserted at <paramref name="Position"/>; empty for a pure delete.</param>
public readonly record struct TracePatch(int Position, int DeleteCount, string Insert);
