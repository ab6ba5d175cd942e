using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Authorship;

/// <summary><c>GET /api/documents/{id}/authors</c>: access and revision checks, then the ranges from the <see cref="AuthorshipIndex"/>.</summary>
internal sealed class AuthorshipQuery(DocumentService documents, IDocumentStore store, AuthorshipIndex index)
{
    public async Task<AuthorsResponse> GetAsync(Caller caller, string documentId, int? revision, bool byUser, CancellationToken cancellationToken)
    {
        DocumentIds.Check(documentId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
        var head = await store.GetAsync(documentId, cancellationToken).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
        int at = revision ?? head.Revision;
        if (at < 0)
        {
            throw CollabException.Invalid($"The revision must not be negative, got {at}.");
        }

        if (at > head.Revision)
        {
            throw new CollabException(ErrorCodes.RevisionInFuture, $"Revision {at} is ahead of the document (revision {head.Revision}).");
        }

        var ranges = await index.GetRangesAsync(documentId, at, cancellationToken).ConfigureAwait(false);
        var result = new List<AuthorRange>(ranges.Count);
        int length = 0;
        foreach (var range in ranges)
        {
            length += range.Length;
            if (byUser && result.Count > 0 && result[^1].UserId == range.UserId)
            {
                // One range per run of the same user: the latest revision and time in it.
                var last = result[^1];
                result[^1] = last.Revision >= range.Revision
                    ? last with { Length = last.Length + range.Length }
                    : new AuthorRange(last.Start, last.Length + range.Length, range.UserId, range.Revision, range.Timestamp);
                continue;
            }

            result.Add(new AuthorRange(range.Start, range.Length, range.UserId, range.Revision, range.Timestamp));
        }

        return new AuthorsResponse(documentId, at, length, result);
    }
}
