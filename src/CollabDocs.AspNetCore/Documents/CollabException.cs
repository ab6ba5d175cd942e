using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A request was refused with a protocol error code (see <see cref="ErrorCodes"/>). The hub turns it
/// into a <c>HubException</c> "code: message", the HTTP API into problem details.
/// </summary>
[GenerateSerializer]
public sealed class CollabException : Exception
{
    public CollabException()
        : this(ErrorCodes.InvalidArgument, "Invalid request.")
    {
    }

    public CollabException(string message)
        : this(ErrorCodes.InvalidArgument, message)
    {
    }

    public CollabException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.InvalidArgument;
    }

    public CollabException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The stable error code.</summary>
    [Id(0)]
    public string Code { get; }

    /// <summary>
    /// How long to wait before the same request can succeed, when the server can tell: sent as <c>retryAfterMs</c>
    /// in the hub error's JSON detail and as the <c>Retry-After</c> header of the HTTP response.
    /// </summary>
    [Id(1)]
    public TimeSpan? RetryAfter { get; init; }

    internal static CollabException NotFound(string documentId) =>
        new(ErrorCodes.DocumentNotFound, $"Document '{documentId}' does not exist.");

    internal static CollabException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);

    /// <summary>Maps an engine rejection: malformed input versus an operation that does not fit the text.</summary>
    internal static CollabException FromOperation(OperationException exception) => exception.Kind switch
    {
        OperationErrorKind.LengthMismatch or OperationErrorKind.SplitsSurrogatePair =>
            new(ErrorCodes.OperationMismatch, exception.Message, exception),
        OperationErrorKind.TooLong or OperationErrorKind.LimitExceeded => new(ErrorCodes.LimitExceeded, exception.Message, exception),
        _ => new(ErrorCodes.MalformedOperation, exception.Message, exception),
    };
}
