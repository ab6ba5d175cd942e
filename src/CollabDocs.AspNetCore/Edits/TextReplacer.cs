using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Edits;

/// <summary>
/// <c>PUT /api/documents/{id}/text</c>: diffs the new text against the text at the base revision (or the
/// current text) and submits the smallest operation like any editor's, so the server transforms it past
/// concurrent edits, and cursors outside the changed ranges stay where they are.
/// </summary>
internal sealed class TextReplacer(DocumentService documents, DocumentCatalog catalog, IDocumentStore store, IOptions<LimitsOptions> limits)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new TextOperationJsonConverter() } };
    private readonly LimitsOptions _limits = limits.Value;

    public async Task<ReplaceTextResponse> ReplaceAsync(Caller caller, string documentId, ReplaceTextRequest request)
    {
        DocumentIds.Check(documentId);
        string text = request.Text ?? throw CollabException.Invalid("The body needs the new text as 'text'.");
        if ((request.ClientId is null) != (request.Seq is null))
        {
            throw CollabException.Invalid("Give both 'clientId' and 'seq', or neither.");
        }

        if (text.Length > _limits.MaxDocumentLength)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"The text is {text.Length} characters long; the limit is {_limits.MaxDocumentLength}.");
        }

        int bad = Utf16.IndexOfLoneSurrogate(text);
        if (bad >= 0)
        {
            throw CollabException.Invalid($"The text has a lone surrogate at offset {bad}.");
        }

        await documents.RequireAsync(caller, documentId, DocumentRole.Editor).ConfigureAwait(false);
        if (request.ClientId is not null && request.Seq is int sent && sent >= 1)
        {
            // A resend of a PUT already committed: its base may have moved, so answer from the record.
            var record = await store.FindSubmissionAsync(documentId, DocumentIds.Check(request.ClientId, "client id"), sent).ConfigureAwait(false);
            if (record is not null)
            {
                var committed = await documents.GetOperationsAsync(caller, documentId, record.Revision - 1, record.Revision).ConfigureAwait(false);
                return new ReplaceTextResponse(record.Revision, record.Revision - 1, committed[0].Operation);
            }
        }

        int baseRevision;
        string baseText;
        if (request.BaseRevision is int given)
        {
            baseRevision = given;
            baseText = await catalog.GetTextAtAsync(caller, documentId, given).ConfigureAwait(false);
        }
        else
        {
            (baseRevision, baseText) = await catalog.GetAsync(caller, documentId).ConfigureAwait(false);
        }

        var operation = TextDiff.Compute(baseText, text);
        if (operation.IsNoop)
        {
            return new ReplaceTextResponse(baseRevision, baseRevision, operation);
        }

        string clientId = request.ClientId ?? "http-" + Guid.NewGuid().ToString("N");
        var result = await documents.SubmitAsync(caller, null, documentId, baseRevision, JsonSerializer.SerializeToElement(operation, Json), clientId, request.Seq ?? 1).ConfigureAwait(false);
        return new ReplaceTextResponse(result.Revision, baseRevision, operation);
    }
}
