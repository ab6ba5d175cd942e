namespace CollabDocs.Server.Authorship;

/// <summary>The body of <c>GET /api/documents/{id}/authors</c>: the text at <see cref="Revision"/> split into ranges by who inserted them.</summary>
internal sealed record AuthorsResponse(string DocumentId, int Revision, int Length, IReadOnlyList<AuthorRange> Ranges);
