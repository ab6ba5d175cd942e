namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>
/// ot.js's server (lib/server.js): a text, its revision and the history of operations. An incoming
/// operation is transformed against every operation since its base revision with
/// <c>Transform(incoming, concurrent)</c>, applied, and appended.
/// </summary>
internal sealed class SimulatedServer(string text)
{
    private readonly TextDocument _document = new(text);
    private readonly List<TextOperation> _history = [];

    public int Revision => _history.Count;

    public string Text => _document.ToString();

    public IReadOnlyList<TextOperation> History => _history;

    /// <summary>Accepts an operation made at <paramref name="revision"/>; returns it as applied.</summary>
    public TextOperation Receive(int revision, TextOperation operation)
    {
        if (revision < 0 || revision > _history.Count)
        {
            throw new InvalidOperationException($"Revision {revision} is not in the history (0..{_history.Count}).");
        }

        for (int i = revision; i < _history.Count; i++)
        {
            (operation, _) = TextOperation.Transform(operation, _history[i]);
        }

        _document.Apply(operation);
        _history.Add(operation);
        return operation;
    }
}
