namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>No operation is waiting for the server.</summary>
internal sealed class SynchronizedState : ClientState
{
    public static readonly SynchronizedState Instance = new();

    private SynchronizedState()
    {
    }

    public override ClientState ApplyClient(SimulatedClient client, TextOperation operation)
    {
        // Send the edit to the server and wait for its acknowledgement.
        client.SendOperation(client.Revision, operation);
        return new AwaitingConfirmState(operation);
    }

    public override ClientState ApplyServer(SimulatedClient client, TextOperation operation)
    {
        // Nothing is pending, so the server's operation applies as it is.
        client.ApplyOperation(operation);
        return this;
    }

    public override ClientState ServerAck(SimulatedClient client) =>
        throw new InvalidOperationException("There is no pending operation.");

    public override Selection TransformSelection(Selection selection) => selection;
}
