using System.Text.Json;
using System.Text.RegularExpressions;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Client;

/// <summary>
/// A failure reported by the client. <see cref="Code"/> is the hub's stable code (see <see cref="ErrorCodes"/>)
/// when the server refused the call, <see cref="ErrorCodes.Connection"/> when the connection was lost, and
/// <see cref="ErrorCodes.Client"/> for a problem detected locally.
/// </summary>
public sealed partial class CollabDocsException : Exception
{
    /// <summary>Creates an exception with a code.</summary>
    public CollabDocsException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Creates a client-side exception.</summary>
    public CollabDocsException()
        : this(ErrorCodes.Client, "CollabDocs client error.")
    {
    }

    /// <summary>Creates a client-side exception.</summary>
    public CollabDocsException(string message)
        : this(ErrorCodes.Client, message)
    {
    }

    /// <summary>Creates a client-side exception.</summary>
    public CollabDocsException(string message, Exception? innerException)
        : this(ErrorCodes.Client, message, innerException)
    {
    }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>True when the server refused the call with a code: the call changed nothing.</summary>
    public bool IsHubError => Code is not ErrorCodes.Connection and not ErrorCodes.Client;

    /// <summary>
    /// For <c>rate_limited</c>: how long the server asked to wait, from the <c>retryAfterMs</c> field of the
    /// error's JSON detail (docs/protocol.md, "Errors"); null when the server did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>
    /// Wraps what <c>HubConnection.InvokeAsync</c> threw: a <see cref="HubException"/> whose message carries
    /// <c>code: text</c> becomes that code; anything else becomes <see cref="ErrorCodes.Connection"/>.
    /// </summary>
    public static CollabDocsException FromInvokeError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is CollabDocsException known)
        {
            return known;
        }

        if (error is HubException)
        {
            var match = HubCode().Match(error.Message);
            if (match.Success)
            {
                var text = error.Message[(match.Index + match.Length)..].Trim();
                return TryReadDetail(text, out var message, out var retryAfter)
                    ? new CollabDocsException(match.Groups[1].Value, message, error) { RetryAfter = retryAfter }
                    : new CollabDocsException(match.Groups[1].Value, text, error);
            }

            return new CollabDocsException(ErrorCodes.Client, error.Message, error);
        }

        return new CollabDocsException(ErrorCodes.Connection, error.Message, error);
    }

    // Codes that carry data send a JSON object after the code: {"message":"…","retryAfterMs":N}.
    private static bool TryReadDetail(string text, out string message, out TimeSpan? retryAfter)
    {
        message = text;
        retryAfter = null;
        if (!text.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var detail = JsonDocument.Parse(text);
            if (detail.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (detail.RootElement.TryGetProperty("message", out var prose) && prose.ValueKind == JsonValueKind.String && prose.GetString() is { Length: > 0 } said)
            {
                message = said;
            }

            if (detail.RootElement.TryGetProperty("retryAfterMs", out var wait) && wait.ValueKind == JsonValueKind.Number && wait.TryGetInt64(out var ms) && ms >= 0)
            {
                retryAfter = TimeSpan.FromMilliseconds(ms);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?:^|HubException: )([a-z_]+):")]
    private static partial Regex HubCode();
}
