using CollabDocs.Ot.Tests.Properties;

namespace CollabDocs.Ot.Tests.Simulation;

public sealed class ClientServerSimulationTests
{
    [Fact]
    public void RandomEditsWithRandomDelivery_AllClientsConvergeOnTheServerText()
    {
        int buffered = 0;
        int transformed = 0;
        PropertyCheck.Run(nameof(RandomEditsWithRandomDelivery_AllClientsConvergeOnTheServerText), 500, c =>
        {
            int clients = c.Note("clients", 3 + c.Generate.Random.Next(3));
            string text = c.Note("text", c.Generate.Text(10));
            var simulation = new ClientServerSimulation(c.Generate, clients, text);

            for (int step = 0; step < 100; step++)
            {
                simulation.Step();
                foreach (var client in simulation.Clients)
                {
                    Assert.True(client.Cursor.FitsText(client.Text), $"client {client.Id}'s cursor left its text at step {step}");
                }
            }

            simulation.Drain();
            AssertConverged(simulation);
            buffered += simulation.BufferedEdits;
            transformed += simulation.TransformedArrivals;
        });

        // The random schedule must exercise the interesting states, not only the synchronised one.
        Assert.True(buffered > 1_000, $"only {buffered} edits went to a buffer");
        Assert.True(transformed > 1_000, $"only {transformed} server operations met pending client operations");
    }

    [Fact]
    public void ThreeClientsInsertAtTheSamePlace_ConvergeWithTheLaterArrivalFirst()
    {
        var simulation = new ClientServerSimulation(new OperationGenerator(new Random(1)), 3, "ab");
        simulation.Edit(0, TextOperation.Parse("[1,\"X\",1]"));
        simulation.Edit(1, TextOperation.Parse("[1,\"😀\",1]"));
        simulation.Edit(2, TextOperation.Parse("[1,\"Z\",1]"));

        simulation.DeliverToServer(0);
        simulation.DeliverToServer(1);
        simulation.DeliverToServer(2);
        for (int client = 0; client < 3; client++)
        {
            for (int message = 0; message < 3; message++)
            {
                simulation.DeliverToClient(client);
            }
        }

        // Each incoming operation wins the tie against the history it is transformed past.
        Assert.Equal("aZ😀Xb", simulation.Server.Text);
        AssertConverged(simulation);
    }

    [Fact]
    public void ClientWithBufferedEdits_ConvergesAfterConcurrentServerOperations()
    {
        var simulation = new ClientServerSimulation(new OperationGenerator(new Random(2)), 3, "hello");
        simulation.Edit(0, TextOperation.Parse("[5,\" world\"]"));
        simulation.Edit(0, TextOperation.Parse("[\"> \",11]")); // buffered
        simulation.Edit(0, TextOperation.Parse("[2,-2,9]")); // composed into the buffer
        simulation.Edit(1, TextOperation.Parse("[-1,\"J\",4]"));
        simulation.Edit(2, TextOperation.Parse("[4,\"🎉\",-1]"));
        Assert.IsType<AwaitingWithBufferState>(simulation.Clients[0].State);

        simulation.DeliverToServer(1);
        simulation.DeliverToServer(2);
        simulation.DeliverToClient(0); // client 1's operation meets outstanding and buffer
        simulation.DeliverToServer(0);
        simulation.Drain();

        AssertConverged(simulation);
        Assert.Equal("> Jll🎉 world", simulation.Server.Text); // the "h" was already replaced by "J"; only the "e" is left to delete
    }

    [Fact]
    public void Synchronized_ServerAck_IsAnError()
    {
        var client = new SimulatedClient(0, "x", 0, _ => { });

        Assert.Throws<InvalidOperationException>(client.ServerAck);
    }

    [Fact]
    public void Server_RejectsARevisionOutsideItsHistory()
    {
        var server = new SimulatedServer("x");

        Assert.Throws<InvalidOperationException>(() => server.Receive(1, TextOperation.Identity(1)));
        Assert.Throws<InvalidOperationException>(() => server.Receive(-1, TextOperation.Identity(1)));
    }

    [Fact]
    public void TransformSelection_MovesARemoteCursorPastPendingEdits()
    {
        var sent = new List<ClientMessage>();
        var client = new SimulatedClient(0, "abc", 0, sent.Add);
        var remote = Selection.Cursor(2);

        Assert.Equal(remote, client.State.TransformSelection(remote));

        client.ApplyClient(TextOperation.Parse("[\"12\",3]"));
        Assert.Equal(Selection.Cursor(4), client.State.TransformSelection(remote));

        client.ApplyClient(TextOperation.Parse("[\"😀\",5]"));
        Assert.Equal(Selection.Cursor(6), client.State.TransformSelection(remote));
        Assert.Single(sent);
    }

    private static void AssertConverged(ClientServerSimulation simulation)
    {
        Assert.False(simulation.HasMessagesInFlight);
        foreach (var client in simulation.Clients)
        {
            Assert.IsType<SynchronizedState>(client.State);
            Assert.Equal(simulation.Server.Revision, client.Revision);
            Assert.Equal(simulation.Server.Text, client.Text);
        }
    }
}
