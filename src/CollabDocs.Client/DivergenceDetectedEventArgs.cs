namespace CollabDocs.Client;

/// <summary>The checksum the server sent for a revision did not match this client's text at that revision.</summary>
public sealed class DivergenceDetectedEventArgs : EventArgs
{
    /// <summary>The revision whose checksum did not match.</summary>
    public required int Revision { get; init; }

    /// <summary>The checksum the server sent.</summary>
    public required uint Expected { get; init; }

    /// <summary>The checksum of the client's server text at <see cref="Revision"/>.</summary>
    public required uint Actual { get; init; }
}
