using CollabDocs.Ot;
using CollabDocs.Server.Access;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Api;

/// <summary>What people see of their documents: the list with their role on each ("mine" / "shared with me") and titles.</summary>
internal sealed class DocumentDirectory(DocumentService documents, IDocumentStore store, IDocumentAccess access)
{
    /// <summary>
    /// The caller's documents, most recently updated first, with the caller's role: <paramref name="filter"/>
    /// <c>mine</c> (owned), <c>shared</c> (any other role) or <c>all</c>/null.
    /// </summary>
    public async Task<IReadOnlyList<DocumentListing>> ListAsync(Caller caller, string? filter, int limit)
    {
        bool? owned = filter?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => null,
            "mine" => true,
            "shared" => false,
            _ => throw CollabException.Invalid("filter must be \"all\", \"mine\" or \"shared\"."),
        };
        limit = Math.Clamp(limit, 1, 1000);
        if (access is AnonymousDocumentAccess)
        {
            // Everyone owns everything: nothing is "shared with me".
            var all = owned == false ? [] : await store.ListAsync(null, limit).ConfigureAwait(false);
            return all.Select(d => new DocumentListing(d, DocumentRole.Owner)).ToList();
        }

        return await store.ListWithRolesAsync(caller.UserId, owned, limit).ConfigureAwait(false);
    }

    /// <summary>The document's title (viewers and up).</summary>
    public async Task<string> GetTitleAsync(Caller caller, string documentId)
    {
        DocumentIds.Check(documentId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
        var info = await store.GetAsync(documentId).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
        return info.Title;
    }

    /// <summary>Renames the document (editors and owners); an empty title makes it untitled. Returns the stored title.</summary>
    public async Task<string> RenameAsync(Caller caller, string documentId, string? title)
    {
        DocumentIds.Check(documentId);
        string checkedTitle = Check(title);
        await documents.RequireAsync(caller, documentId, DocumentRole.Editor).ConfigureAwait(false);
        if (!await store.SetTitleAsync(documentId, checkedTitle).ConfigureAwait(false))
        {
            throw CollabException.NotFound(documentId);
        }

        return checkedTitle;
    }

    /// <summary>Trimmed; at most <see cref="DocumentTitles.MaxLength"/> characters, no control characters or lone surrogates.</summary>
    public static string Check(string? title)
    {
        if (title is null)
        {
            throw CollabException.Invalid("The body must be {\"title\": \"…\"} (an empty title makes the document untitled).");
        }

        title = title.Trim();
        if (title.Length > DocumentTitles.MaxLength || Utf16.IndexOfLoneSurrogate(title) >= 0 || title.Any(char.IsControl))
        {
            throw CollabException.Invalid($"A title is at most {DocumentTitles.MaxLength} characters, without control characters.");
        }

        return title;
    }
}
