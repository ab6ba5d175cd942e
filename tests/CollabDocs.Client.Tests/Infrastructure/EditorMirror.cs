using CollabDocs.Ot;

namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>
/// What an editor bound to a document shows: its own edits plus every <see cref="CollabDocument.Changed"/>
/// operation, applied in event order. It must always equal the document's text.
/// </summary>
public sealed class EditorMirror
{
    private readonly CollabDocument _document;

    public EditorMirror(CollabDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _document = document;
        Text = document.Text;
        document.Changed += (_, change) => Text = change.Operation.Apply(Text);
    }

    public string Text { get; private set; }

    /// <summary>Types <paramref name="edit"/>'s operation into the editor and the document at once.</summary>
    public void Type(Func<string, TextOperation> edit) => _document.Edit(text =>
    {
        var operation = edit(text);
        Text = operation.Apply(Text);
        return operation;
    });
}
