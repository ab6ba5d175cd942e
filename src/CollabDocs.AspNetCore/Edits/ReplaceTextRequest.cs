namespace CollabDocs.Server.Edits;

/// <summary>
/// Body of <c>PUT /api/documents/{id}/text</c>: the new full text, optionally the revision it was based on,
/// and optionally a <c>(clientId, seq)</c> that makes a resend harmless.
/// </summary>
internal sealed record ReplaceTextRequest(string? Text, int? BaseRevision = null, string? ClientId = null, int? Seq = null);
