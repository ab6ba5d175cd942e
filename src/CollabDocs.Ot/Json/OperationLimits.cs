namespace CollabDocs.Ot;

/// <summary>
/// Size and shape limits checked while an operation is parsed, so reading stops at the first component
/// past a limit instead of building the whole operation first.
/// </summary>
/// <param name="MaxComponents">Most components on the wire (before adjacent ones are merged).</param>
/// <param name="MaxChangedLength">Most characters inserted plus deleted.</param>
public readonly record struct OperationLimits(int MaxComponents, int MaxChangedLength)
{
    /// <summary>No limits beyond the 32-bit lengths every operation has.</summary>
    public static OperationLimits None { get; } = new(int.MaxValue, int.MaxValue);
}
