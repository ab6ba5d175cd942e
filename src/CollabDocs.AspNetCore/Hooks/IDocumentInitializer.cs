using CollabDocs.Server.Identity;

namespace CollabDocs.Server.Hooks;

/// <summary>
/// An integration hook: gives a document created without text (<c>POST /api/documents</c> with no
/// <c>text</c>) its initial text, for example from a template. Register in DI
/// (<c>services.AddSingleton&lt;IDocumentInitializer, MyInitializer&gt;()</c>); see docs/embedding.md. With
/// several, the first in registration order that returns a text wins.
/// </summary>
/// <remarks>
/// The text is checked like one sent in the request (length limit, no lone surrogate) and stored as revision 0.
/// </remarks>
public interface IDocumentInitializer
{
    /// <summary>The initial text of <paramref name="documentId"/>, created by <paramref name="creator"/>; null for no opinion.</summary>
    ValueTask<string?> GetInitialTextAsync(string documentId, Caller creator, CancellationToken cancellationToken);
}
