namespace CollabDocs.Ot;

/// <summary>
/// An operation was rejected. <see cref="Kind"/> says what is wrong; the message says where
/// (component index, document position or JSON position).
/// </summary>
public sealed class OperationException : Exception
{
    public OperationException()
        : this(OperationErrorKind.MalformedComponent, "The operation is invalid.")
    {
    }

    public OperationException(string message)
        : this(OperationErrorKind.MalformedComponent, message)
    {
    }

    public OperationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = OperationErrorKind.MalformedComponent;
    }

    public OperationException(OperationErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>The category of the rejection.</summary>
    public OperationErrorKind Kind { get; }
}
