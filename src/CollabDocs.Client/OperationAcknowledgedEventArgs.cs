namespace CollabDocs.Client;

/// <summary>One of this client's operations is committed.</summary>
public sealed class OperationAcknowledgedEventArgs : EventArgs
{
    /// <summary>The operation's seq.</summary>
    public required int Seq { get; init; }

    /// <summary>The revision it was committed as.</summary>
    public required int Revision { get; init; }

    /// <summary>
    /// True when the acknowledgement was the operation found among committed operations (after a rejoin, a
    /// gap fill or a restore) rather than the reply to <c>Submit</c>.
    /// </summary>
    public bool FoundInLog { get; init; }
}
