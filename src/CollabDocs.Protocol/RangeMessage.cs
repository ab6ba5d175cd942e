using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>A selected range in UTF-16 offsets; a cursor has <paramref name="Anchor"/> equal to <paramref name="Head"/>.</summary>
/// <param name="Anchor">The end that stays put.</param>
/// <param name="Head">The end where the cursor is.</param>
[MessagePackObject]
public sealed record RangeMessage([property: Key("anchor")] int Anchor, [property: Key("head")] int Head);
