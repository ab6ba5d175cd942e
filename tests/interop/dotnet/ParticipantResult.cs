namespace CollabDocs.Interop;

/// <summary>What a participant reports to tests/interop/scenario.mjs check (the same fields as the Node ones).</summary>
internal sealed record ParticipantResult(
    string Name,
    string ClientId,
    int Revision,
    string Text,
    string EditorText,
    int LastSeq,
    int Connects,
    IReadOnlyList<string> Errors);
