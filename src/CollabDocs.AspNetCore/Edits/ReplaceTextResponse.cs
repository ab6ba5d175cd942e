using CollabDocs.Ot;

namespace CollabDocs.Server.Edits;

/// <summary>
/// The result of <c>PUT /api/documents/{id}/text</c>: the revision the change was committed as (the base
/// revision when the text was already equal and nothing was committed), the revision the diff was made
/// against, and the operation that was submitted (before the server transformed it to the head).
/// </summary>
internal sealed record ReplaceTextResponse(int Revision, int BaseRevision, TextOperation Operation);
