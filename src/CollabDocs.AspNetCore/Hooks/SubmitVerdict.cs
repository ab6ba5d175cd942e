namespace CollabDocs.Server.Hooks;

/// <summary>What an <see cref="ISubmitValidator"/> decided about an edit.</summary>
public sealed class SubmitVerdict
{
    /// <summary>The default code of a refused edit.</summary>
    public const string RejectedCode = "rejected";

    private const int MaxCodeLength = 64;

    private SubmitVerdict(string? code, string? message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>The edit may be committed.</summary>
    public static SubmitVerdict Accept { get; } = new(null, null);

    /// <summary>Null when accepted; otherwise the error code the sender gets.</summary>
    public string? Code { get; }

    /// <summary>Null when accepted; otherwise the message the sender gets.</summary>
    public string? Message { get; }

    /// <summary>True when the edit may be committed.</summary>
    public bool IsAccepted => Code is null;

    /// <summary>
    /// Refuses the edit with <paramref name="message"/> and <paramref name="code"/>: lower-case letters and
    /// underscores (for example <c>forbidden_edit</c>), so clients can switch on it.
    /// </summary>
    public static SubmitVerdict Reject(string message, string code = RejectedCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (code.Length > MaxCodeLength || !code.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException($"An error code is 1 to {MaxCodeLength} lower-case letters and underscores, got '{code}'.", nameof(code));
        }

        return new SubmitVerdict(code, message);
    }
}
