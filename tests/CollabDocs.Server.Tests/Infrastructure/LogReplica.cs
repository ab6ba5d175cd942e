using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// What a client that submits on arbitrary (stale) base revisions knows of the log: the broadcasts of
/// other clients plus its own acknowledged operations, put in revision order. Its own operation at
/// revision r, made on base b, is committed as the operation transformed against revisions b+1 … r-1
/// (incoming first), which the replica computes itself — as the server must have.
/// </summary>
public sealed class LogReplica
{
    private readonly List<string> _texts;
    private readonly List<TextOperation> _operations = [];
    private readonly SortedDictionary<int, OperationMessage> _broadcasts = [];
    private readonly SortedDictionary<int, (int BaseRevision, TextOperation Operation)> _own = [];

    public LogReplica(string text)
    {
        _texts = [text];
    }

    /// <summary>The revision up to which the log is known without gaps.</summary>
    public int Revision => _operations.Count;

    /// <summary>The text at <see cref="Revision"/>.</summary>
    public string Text => _texts[^1];

    /// <summary>Operation r is at index r - 1.</summary>
    public IReadOnlyList<TextOperation> Operations => _operations;

    public string TextAt(int revision) => _texts[revision];

    public void AddBroadcast(OperationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Revision > Revision)
        {
            _broadcasts.TryAdd(message.Revision, message);
        }

        Advance();
    }

    public void AddOwn(int revision, int baseRevision, TextOperation operation)
    {
        _own.Add(revision, (baseRevision, operation));
        Advance();
    }

    /// <summary>Takes every broadcast that has arrived on <paramref name="client"/>.</summary>
    public void Drain(TestHubClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        while (client.Operations.TryRead(out var message))
        {
            AddBroadcast(message);
        }
    }

    /// <summary>Waits for broadcasts until the log is known up to <paramref name="revision"/>.</summary>
    public async Task CatchUpAsync(TestHubClient client, int revision)
    {
        ArgumentNullException.ThrowIfNull(client);
        while (Revision < revision)
        {
            AddBroadcast(await client.Operations.ReadAsync().DefaultTimeout());
        }
    }

    private void Advance()
    {
        while (true)
        {
            int next = Revision + 1;
            TextOperation operation;
            if (_broadcasts.Remove(next, out var broadcast))
            {
                operation = broadcast.Operation;
            }
            else if (_own.Remove(next, out var own))
            {
                operation = own.Operation;
                for (int r = own.BaseRevision + 1; r < next; r++)
                {
                    operation = TextOperation.Transform(operation, _operations[r - 1]).APrime;
                }
            }
            else
            {
                return;
            }

            _operations.Add(operation);
            _texts.Add(operation.Apply(_texts[^1]));
        }
    }
}
