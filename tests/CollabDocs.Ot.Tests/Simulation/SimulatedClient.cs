namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>
/// ot.js's client (lib/client.js) with its editor: a text, the revision of the last server
/// operation it knows, a state, and a cursor that follows every change.
/// </summary>
internal sealed class SimulatedClient(int id, string text, int revision, Action<ClientMessage> send)
{
    public int Id { get; } = id;

    public string Text { get; private set; } = text;

    /// <summary>The next revision the client expects from the server.</summary>
    public int Revision { get; private set; } = revision;

    public ClientState State { get; private set; } = SynchronizedState.Instance;

    public Selection Cursor { get; private set; } = Selection.Cursor(0);

    /// <summary>The user edits the text.</summary>
    public void ApplyClient(TextOperation operation)
    {
        Text = operation.Apply(Text);
        Cursor = Cursor.Transform(operation);
        State = State.ApplyClient(this, operation);
    }

    /// <summary>Another client's operation arrives from the server.</summary>
    public void ApplyServer(TextOperation operation)
    {
        Revision++;
        State = State.ApplyServer(this, operation);
    }

    /// <summary>The server acknowledges this client's outstanding operation.</summary>
    public void ServerAck()
    {
        Revision++;
        State = State.ServerAck(this);
    }

    /// <summary>Handles a broadcast, as an acknowledgement when it carries this client's own operation.</summary>
    public void Receive(ServerMessage message)
    {
        if (message.Revision != Revision)
        {
            throw new InvalidOperationException($"Client {Id} expected revision {Revision}, got {message.Revision}.");
        }

        if (message.ClientId == Id)
        {
            ServerAck();
        }
        else
        {
            ApplyServer(message.Operation);
        }
    }

    public void MoveCursor(int position) => Cursor = Selection.Cursor(position);

    internal void SendOperation(int revision, TextOperation operation) => send(new ClientMessage(Id, revision, operation));

    internal void ApplyOperation(TextOperation operation)
    {
        Text = operation.Apply(Text);
        Cursor = Cursor.Transform(operation);
    }
}
