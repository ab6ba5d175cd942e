namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>
/// A state of ot.js's client (lib/client.js), ported faithfully: each transition returns the next
/// state and may send an operation or apply one to the client's document.
/// </summary>
internal abstract class ClientState
{
    /// <summary>The user edited the document.</summary>
    public abstract ClientState ApplyClient(SimulatedClient client, TextOperation operation);

    /// <summary>The server broadcast another client's operation.</summary>
    public abstract ClientState ApplyServer(SimulatedClient client, TextOperation operation);

    /// <summary>The server acknowledged this client's outstanding operation.</summary>
    public abstract ClientState ServerAck(SimulatedClient client);

    /// <summary>Moves a selection from the latest server text to the client's text.</summary>
    public abstract Selection TransformSelection(Selection selection);
}
