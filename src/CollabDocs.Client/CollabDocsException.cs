using System.Globalization;
using System.Text.RegularExpressions;
using CollabDocs.Client.Protocol;
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

    /// <summary>For <c>rate_limited</c>: how long the server asked to wait (<c>… retry in N ms</c>), when it said.</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            var match = RetryHint().Match(Message);
            return match.Success ? TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)) : null;
        }
    }

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
                return new CollabDocsException(match.Groups[1].Value, error.Message[(match.Index + match.Length)..].Trim(), error);
            }

            return new CollabDocsException(ErrorCodes.Client, error.Message, error);
        }

        return new CollabDocsException(ErrorCodes.Connection, error.Message, error);
    }

    [GeneratedRegex(@"(?:^|HubException: )([a-z_]+):")]
    private static partial Regex HubCode();

    [GeneratedRegex(@"retry in (\d{1,9}) ?ms", RegexOptions.IgnoreCase)]
    private static partial Regex RetryHint();
}
