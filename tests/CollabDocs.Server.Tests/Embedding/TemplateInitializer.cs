using CollabDocs.Server.Hooks;
using CollabDocs.Server.Identity;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>The host's initial text: documents named <c>note-…</c> start from a template naming their creator.</summary>
internal sealed class TemplateInitializer : IDocumentInitializer
{
    public ValueTask<string?> GetInitialTextAsync(string documentId, Caller creator, CancellationToken cancellationToken) =>
        ValueTask.FromResult(documentId.StartsWith("note-", StringComparison.Ordinal) ? $"# {documentId}\nby {creator.Name}\n" : null);
}
