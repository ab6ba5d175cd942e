namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>One operation awaits acknowledgement and later edits are buffered, composed into one.</summary>
internal sealed class AwaitingWithBufferState(TextOperation outstanding, TextOperation buffer) : ClientState
{
    public TextOperation Outstanding { get; } = outstanding;

    public TextOperation Buffer { get; } = buffer;

    public override ClientState ApplyClient(SimulatedClient client, TextOperation operation) =>
        new AwaitingWithBufferState(Outstanding, Buffer.Compose(operation));

    public override ClientState ApplyServer(SimulatedClient client, TextOperation operation)
    {
        //                       /\
        //          outstanding /  \ operation
        //                     /    \
        //                    /\    /
        //            buffer /  \* / outstanding' (new outstanding)
        //                  /    \/
        //                  \    /
        //  operation''      \  / buffer' (new buffer)
        //  (applies to the   \/
        //  client's text)
        //
        // * operation' (transformed past the outstanding operation)
        var (outstandingPrime, operationPrime) = TextOperation.Transform(Outstanding, operation);
        var (bufferPrime, operationSecond) = TextOperation.Transform(Buffer, operationPrime);
        client.ApplyOperation(operationSecond);
        return new AwaitingWithBufferState(outstandingPrime, bufferPrime);
    }

    public override ClientState ServerAck(SimulatedClient client)
    {
        // The outstanding operation is in; send the buffer.
        client.SendOperation(client.Revision, Buffer);
        return new AwaitingConfirmState(Buffer);
    }

    public override Selection TransformSelection(Selection selection) => selection.Transform(Outstanding).Transform(Buffer);
}
