using System.Text.Json;

namespace CollabDocs.Testing;

/// <summary>What became of a raw invocation.</summary>
public sealed record RawOutcome(bool Closed, string? Error, JsonElement? Result)
{
    public static RawOutcome ClosedWith(string? error) => new(true, error, null);

    public static RawOutcome Failed(string error) => new(false, error, null);

    public static RawOutcome Completed(JsonElement? result) => new(false, null, result);

    /// <summary>No answer came in time (and the connection did not close).</summary>
    public static RawOutcome Unanswered { get; } = new(false, "(no answer)", null);

    public override string ToString() => Closed ? $"closed ({Error})" : Error is not null ? $"error: {Error}" : $"ok: {Result}";
}
