namespace CollabDocs.Client.Protocol;

/// <summary>A selected range in UTF-16 offsets; a cursor has <paramref name="Anchor"/> equal to <paramref name="Head"/>.</summary>
/// <param name="Anchor">The end that stays put.</param>
/// <param name="Head">The end where the cursor is.</param>
public sealed record RangeMessage(int Anchor, int Head);
