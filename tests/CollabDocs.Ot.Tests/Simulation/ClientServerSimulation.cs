using CollabDocs.Ot.Tests.Properties;

namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>
/// A server and several clients connected by channels that are FIFO each, delivered in a random
/// interleaving across channels. Everything is driven by one seeded generator.
/// </summary>
internal sealed class ClientServerSimulation
{
    private readonly OperationGenerator _generate;
    private readonly List<SimulatedClient> _clients = [];
    private readonly List<Queue<ClientMessage>> _upstream = [];
    private readonly List<Queue<ServerMessage>> _downstream = [];

    public ClientServerSimulation(OperationGenerator generate, int clientCount, string text)
    {
        _generate = generate;
        Server = new SimulatedServer(text);
        for (int id = 0; id < clientCount; id++)
        {
            var upstream = new Queue<ClientMessage>();
            _upstream.Add(upstream);
            _downstream.Add(new Queue<ServerMessage>());
            _clients.Add(new SimulatedClient(id, text, 0, upstream.Enqueue));
        }
    }

    public SimulatedServer Server { get; }

    public IReadOnlyList<SimulatedClient> Clients => _clients;

    /// <summary>Local edits made while an operation was already outstanding (so they went to the buffer).</summary>
    public int BufferedEdits { get; private set; }

    /// <summary>Server operations a client had to transform past its own pending ones.</summary>
    public int TransformedArrivals { get; private set; }

    public bool HasMessagesInFlight => _upstream.Exists(q => q.Count > 0) || _downstream.Exists(q => q.Count > 0);

    /// <summary>One random step: a local edit by a random client, or the delivery of one message.</summary>
    public void Step()
    {
        if (_generate.Random.NextDouble() < 0.4 || !DeliverRandom())
        {
            EditRandom();
        }
    }

    /// <summary>Delivers messages in random order until every channel is empty.</summary>
    public void Drain()
    {
        while (DeliverRandom())
        {
        }
    }

    public void Edit(int clientId, TextOperation operation)
    {
        var client = _clients[clientId];
        client.ApplyClient(operation);
        if (client.State is AwaitingWithBufferState)
        {
            BufferedEdits++;
        }
    }

    /// <summary>The server takes the next message from a client's channel and broadcasts the result.</summary>
    public void DeliverToServer(int clientId)
    {
        var message = _upstream[clientId].Dequeue();
        int revision = Server.Revision;
        var applied = Server.Receive(message.Revision, message.Operation);
        foreach (var downstream in _downstream)
        {
            downstream.Enqueue(new ServerMessage(message.ClientId, revision, applied));
        }
    }

    /// <summary>A client takes the next message from the server's channel to it.</summary>
    public void DeliverToClient(int clientId)
    {
        var client = _clients[clientId];
        var message = _downstream[clientId].Dequeue();
        if (message.ClientId != clientId && client.State is not SynchronizedState)
        {
            TransformedArrivals++;
        }

        client.Receive(message);
    }

    private void EditRandom()
    {
        int clientId = _generate.Random.Next(_clients.Count);
        var client = _clients[clientId];
        string text = client.Text;
        TextOperation operation;
        int roll = _generate.Random.Next(10);
        if (roll < 4)
        {
            // Typing or deleting at the client's cursor.
            int position = client.Cursor.Ranges[0].Head;
            int end = Math.Min(text.Length, position + _generate.Random.Next(3));
            if (Utf16.SplitsPair(text, end))
            {
                end++;
            }

            operation = TextOperation.Splice(text.Length, position, end - position, _generate.Text(3));
        }
        else if (roll < 8)
        {
            operation = _generate.Operation(text);
        }
        else
        {
            client.MoveCursor(_generate.Boundary(text));
            operation = _generate.Splice(text, 4, 4);
        }

        Edit(clientId, operation);
    }

    private bool DeliverRandom()
    {
        int channels = 0;
        for (int i = 0; i < _clients.Count; i++)
        {
            channels += (_upstream[i].Count > 0 ? 1 : 0) + (_downstream[i].Count > 0 ? 1 : 0);
        }

        if (channels == 0)
        {
            return false;
        }

        int pick = _generate.Random.Next(channels);
        for (int i = 0; i < _clients.Count; i++)
        {
            if (_upstream[i].Count > 0 && pick-- == 0)
            {
                DeliverToServer(i);
                return true;
            }

            if (_downstream[i].Count > 0 && pick-- == 0)
            {
                DeliverToClient(i);
                return true;
            }
        }

        throw new InvalidOperationException("unreachable: a channel was counted but not found");
    }
}
