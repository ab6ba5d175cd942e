using CollabDocs.Ot;

namespace CollabDocs.Server.Hooks;

/// <summary>An edit about to be committed, as an <see cref="ISubmitValidator"/> sees it.</summary>
public sealed class SubmitValidationContext
{
    private readonly TextDocument _text;
    private string? _textCopy;

    internal SubmitValidationContext(string documentId, string userId, string clientId, int seq, int revision, TextOperation operation, TextDocument text)
    {
        DocumentId = documentId;
        UserId = userId;
        ClientId = clientId;
        Seq = seq;
        Revision = revision;
        Operation = operation;
        _text = text;
    }

    public string DocumentId { get; }

    /// <summary>The authenticated user who sent the edit.</summary>
    public string UserId { get; }

    /// <summary>The sending client's id; with <see cref="Seq"/> it identifies the edit.</summary>
    public string ClientId { get; }

    public int Seq { get; }

    /// <summary>The revision the edit applies to; committed, it becomes revision <see cref="Revision"/> + 1.</summary>
    public int Revision { get; }

    /// <summary>The edit transformed to <see cref="Revision"/>: exactly what would be committed.</summary>
    public TextOperation Operation { get; }

    /// <summary>The document's length at <see cref="Revision"/>.</summary>
    public int Length => _text.Length;

    /// <summary>The characters the edit inserts, in order.</summary>
    public IEnumerable<string> InsertedTexts()
    {
        var inserted = new List<string>();
        foreach (var component in Operation.Components)
        {
            if (component.IsInsert)
            {
                inserted.Add(component.Text);
            }
        }

        return inserted;
    }

    /// <summary>
    /// The document's text at <see cref="Revision"/>: a copy of the whole document, made on first use, so prefer
    /// <see cref="Operation"/> and <see cref="Substring"/> for large documents.
    /// </summary>
    public string Text => _textCopy ??= _text.ToString();

    /// <summary><paramref name="count"/> characters of the text at <see cref="Revision"/> from <paramref name="start"/>.</summary>
    public string Substring(int start, int count) => _text.Substring(start, count);
}
