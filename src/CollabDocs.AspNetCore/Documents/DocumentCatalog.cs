using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Access;
using CollabDocs.Server.Hooks;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Documents;

/// <summary>Whole-document operations of the HTTP API: create, list, read, delete, time travel.</summary>
internal sealed class DocumentCatalog(
    DocumentService documents,
    IDocumentOwners owners,
    IDocumentStore store,
    IDocumentAccess access,
    IEnumerable<IDocumentInitializer> initializers,
    IOptions<LimitsOptions> limits,
    DocumentCreationBudget creations)
{
    private readonly LimitsOptions _limits = limits.Value;
    private readonly IDocumentInitializer[] _initializers = [.. initializers];

    public async Task<DocumentInfo> CreateAsync(Caller caller, string? documentId, string? text)
    {
        string id = documentId is null ? DocumentIds.New() : DocumentIds.Check(documentId);
        if (!access.CanCreate(caller))
        {
            throw new CollabException(ErrorCodes.Forbidden, "You may not create documents.");
        }

        text ??= await InitialTextAsync(id, caller).ConfigureAwait(false);

        if (text.Length > _limits.MaxDocumentLength)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"The text is {text.Length} characters long; the limit is {_limits.MaxDocumentLength}.");
        }

        int bad = Utf16.IndexOfLoneSurrogate(text);
        if (bad >= 0)
        {
            throw CollabException.Invalid($"The text has a lone surrogate at offset {bad}.");
        }

        // Anonymous mode has no identity to count against (each request is a stranger of its own).
        if (caller.IsAuthenticated)
        {
            creations.Take(caller.UserId, text.Length);
        }

        if (!await store.CreateAsync(id, text, caller.UserId).ConfigureAwait(false))
        {
            throw new CollabException(ErrorCodes.DocumentExists, $"Document '{id}' already exists.");
        }

        return await store.GetAsync(id).ConfigureAwait(false) ?? throw CollabException.NotFound(id);
    }

    private async Task<string> InitialTextAsync(string documentId, Caller caller)
    {
        foreach (var initializer in _initializers)
        {
            if (await initializer.GetInitialTextAsync(documentId, caller, CancellationToken.None).ConfigureAwait(false) is { } text)
            {
                return text;
            }
        }

        return string.Empty;
    }

    public Task<IReadOnlyList<DocumentInfo>> ListAsync(Caller caller, int limit) =>
        store.ListAsync(access is AnonymousDocumentAccess ? null : caller.UserId, Math.Clamp(limit, 1, 1000));

    /// <summary>The current text and revision.</summary>
    public async Task<(int Revision, string Text)> GetAsync(Caller caller, string documentId)
    {
        DocumentIds.Check(documentId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
        var state = await owners.ReadAsync(documentId).ConfigureAwait(false);
        return (state.Revision, state.Text ?? string.Empty);
    }

    /// <summary>The text at a past revision: the latest snapshot at or before it plus the operations up to it.</summary>
    public async Task<string> GetTextAtAsync(Caller caller, string documentId, int revision)
    {
        DocumentIds.Check(documentId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
        if (revision < 0)
        {
            throw CollabException.Invalid($"The revision must not be negative, got {revision}.");
        }

        var head = await store.GetAsync(documentId).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
        if (revision > head.Revision)
        {
            throw new CollabException(ErrorCodes.RevisionInFuture, $"Revision {revision} is ahead of the document (revision {head.Revision}).");
        }

        // No snapshot at or below it: the log was compacted past it (StorageOptions.RetainRevisions, RetainAge).
        var snapshot = await store.GetSnapshotAsync(documentId, revision).ConfigureAwait(false)
            ?? throw new CollabException(ErrorCodes.RevisionTooOld, $"Revision {revision} is older than the retained history of document '{documentId}'.");
        var text = new TextDocument(snapshot.Text);
        for (int after = snapshot.Revision; after < revision;)
        {
            IReadOnlyList<StoredOperation> operations;
            try
            {
                operations = await store.GetOperationsAsync(documentId, after, revision, 1000).ConfigureAwait(false);
            }
            catch (RevisionCompactedException)
            {
                throw new CollabException(ErrorCodes.RevisionTooOld, $"Revision {revision} is older than the retained history of document '{documentId}'.");
            }

            if (operations.Count == 0)
            {
                throw new CollabException(ErrorCodes.Unavailable, $"The log of document '{documentId}' has no operation after revision {after}.");
            }

            foreach (var operation in operations)
            {
                text.Apply(operation.Operation);
                after = operation.Revision;
            }
        }

        return text.ToString();
    }

    public async Task<IReadOnlyList<OperationMessage>> GetOperationsAsync(Caller caller, string documentId, int fromRevision, int? toRevision) =>
        await documents.GetOperationsAsync(caller, documentId, fromRevision, toRevision).ConfigureAwait(false);

    public async Task DeleteAsync(Caller caller, string documentId)
    {
        DocumentIds.Check(documentId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Owner).ConfigureAwait(false);
        if (!await store.DeleteAsync(documentId).ConfigureAwait(false))
        {
            throw CollabException.NotFound(documentId);
        }

        await owners.CloseAsync(documentId, DocumentClosedReasons.Deleted).ConfigureAwait(false);
    }
}
