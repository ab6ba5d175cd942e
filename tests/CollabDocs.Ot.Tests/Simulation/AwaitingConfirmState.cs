namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>One operation has been sent and awaits the server's acknowledgement.</summary>
internal sealed class AwaitingConfirmState(TextOperation outstanding) : ClientState
{
    public TextOperation Outstanding { get; } = outstanding;

    public override ClientState ApplyClient(SimulatedClient client, TextOperation operation) =>
        // Hold the edit back until the outstanding operation is acknowledged.
        new AwaitingWithBufferState(Outstanding, operation);

    public override ClientState ApplyServer(SimulatedClient client, TextOperation operation)
    {
        //                   /\
        // outstanding      /  \ operation
        //                 /    \
        //                 \    /
        //  pair.BPrime     \  / pair.APrime (new outstanding)
        //  (applies to the  \/
        //  client's text)
        var (outstandingPrime, operationPrime) = TextOperation.Transform(Outstanding, operation);
        client.ApplyOperation(operationPrime);
        return new AwaitingConfirmState(outstandingPrime);
    }

    public override ClientState ServerAck(SimulatedClient client) => SynchronizedState.Instance;

    public override Selection TransformSelection(Selection selection) => selection.Transform(Outstanding);
}
