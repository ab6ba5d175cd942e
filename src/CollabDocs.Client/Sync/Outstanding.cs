using CollabDocs.Ot;

namespace CollabDocs.Client.Sync;

/// <summary>The operation sent and not yet acknowledged (ot.js's <c>outstanding</c>), with its seq and send state.</summary>
internal sealed class Outstanding(TextOperation operation, int seq)
{
    /// <summary>The operation on the text at the client's revision (transformed as remote operations arrive).</summary>
    public TextOperation Operation { get; set; } = operation;

    public int Seq { get; } = seq;

    /// <summary>A <c>Submit</c> for it is running on the connection of <see cref="SentEpoch"/>.</summary>
    public bool InFlight { get; set; }

    public int SentEpoch { get; set; } = -1;

    /// <summary>The revision the server acknowledged it as, once known (the ack may still wait for earlier revisions).</summary>
    public int? AckedAs { get; set; }

    /// <summary>Consecutive failed submits (for the back-off).</summary>
    public int Retries { get; set; }
}
