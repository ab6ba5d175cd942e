using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>The in-memory history window: bounded in operations (<see cref="DocumentOptions.HistoryWindow"/>) and in bytes (<see cref="DocumentOptions.MaxHistoryBytes"/>).</summary>
internal sealed partial class SubmitProcessor
{
    private void AddToHistory(StoredOperation operation)
    {
        Volatile.Write(ref _revision, operation.Revision);
        _history.Add(operation);
        HistoryBytes += OperationSize.Of(operation.Operation);
        if (_history.Count > _options.HistoryWindow * 2)
        {
            DropHistory(_history.Count - _options.HistoryWindow);
        }

        if (HistoryBytes > _options.MaxHistoryBytes)
        {
            // Down to three quarters of the budget, so a steady stream of large operations drops in batches.
            long target = _options.MaxHistoryBytes / 4 * 3;
            int drop = 0;
            for (long bytes = HistoryBytes; bytes > target && drop < _history.Count; drop++)
            {
                bytes -= OperationSize.Of(_history[drop].Operation);
            }

            DropHistory(drop);
        }
    }

    private void DropHistory(int drop)
    {
        for (int i = 0; i < drop; i++)
        {
            HistoryBytes -= OperationSize.Of(_history[i].Operation);
        }

        _history.RemoveRange(0, drop);
        HistoryStart += drop;
    }
}
