using CollabDocs.Ot;

namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>
/// What an editor bound to a document shows: its own edits plus every <see cref="CollabDocument.Changed"/>
/// operation, applied in event order. It must always equal the document's text.
/// </summary>
public sealed class EditorMirror
{
    private CollabDocument? _document;

    public string Text { get; private set; } = string.Empty;

    /// <summary>Binds the mirror; pass it as <c>configure</c> to <see cref="CollabDocsClient.OpenAsync(string, Action{CollabDocument}?, CancellationToken)"/>.</summary>
    public void Attach(CollabDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _document = document;
        Text = document.Text;
        document.Changed += (_, change) => Text = change.Operation.Apply(Text);
    }

    /// <summary>Types <paramref name="edit"/>'s operation into the editor and the document at once.</summary>
    public void Type(Func<string, TextOperation> edit) => (_document ?? throw new InvalidOperationException("Attach first.")).Edit(text =>
    {
        var operation = edit(text);
        Text = operation.Apply(Text);
        return operation;
    });
}
