using CollabDocs.Client.Persistence;
using CollabDocs.Ot;

namespace CollabDocs.Client.Sync;

/// <summary>
/// The ot.js client state machine over one document's texts: the server's text at <see cref="Revision"/>,
/// the <see cref="Outstanding"/> operation, the <see cref="Buffer"/> of later local edits, and the local text
/// (server text + outstanding + buffer). Pure: no I/O, no locking (the document serialises calls).
/// </summary>
internal sealed class ClientState
{
    /// <summary>The server's text at <see cref="Revision"/>.</summary>
    public string ServerText { get; private set; } = string.Empty;

    /// <summary>The local text.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>The last server revision applied; -1 before the first join.</summary>
    public int Revision { get; private set; } = -1;

    public Outstanding? Outstanding { get; private set; }

    public TextOperation? Buffer { get; private set; }

    /// <summary>The seq handed out last (0 before the first).</summary>
    public int LastSeq { get; private set; }

    public SyncState State => Outstanding is null ? SyncState.Synchronized : Buffer is null ? SyncState.AwaitingConfirm : SyncState.AwaitingWithBuffer;

    /// <summary>Applies a local edit; true when it became the outstanding operation (send it now).</summary>
    /// <exception cref="OperationException">It does not fit the local text.</exception>
    public bool ApplyLocal(TextOperation operation)
    {
        Text = operation.Apply(Text);
        if (operation.IsNoop)
        {
            return false;
        }

        if (Outstanding is null)
        {
            Outstanding = new Outstanding(operation, ++LastSeq);
            return true;
        }

        Buffer = Buffer is null ? operation : Buffer.Compose(operation);
        return false;
    }

    /// <summary>The outstanding operation is committed as <paramref name="revision"/>; returns the next one to send (the former buffer), if any.</summary>
    public Outstanding? Acknowledge(int revision)
    {
        var acknowledged = Outstanding ?? throw new InvalidOperationException("Nothing is outstanding.");
        ServerText = acknowledged.Operation.Apply(ServerText);
        Revision = revision;
        Outstanding = Buffer is null ? null : new Outstanding(Buffer, ++LastSeq);
        Buffer = null;
        return Outstanding;
    }

    /// <summary>Applies another client's operation (on the server text); returns it transformed for the local text.</summary>
    public TextOperation ApplyRemote(TextOperation remote, int revision)
    {
        ServerText = remote.Apply(ServerText);
        var local = remote;
        if (Outstanding is not null)
        {
            (Outstanding.Operation, local) = TextOperation.Transform(Outstanding.Operation, local);
        }

        if (Buffer is not null)
        {
            (Buffer, local) = TextOperation.Transform(Buffer, local);
        }

        Text = local.Apply(Text);
        Revision = revision;
        return local;
    }

    /// <summary>
    /// Replaces the server text (at the same revision) by <paramref name="correct"/>, keeping the pending edits:
    /// the difference is applied like a remote operation. Returns the change of the local text.
    /// </summary>
    public TextOperation Correct(string correct) => ApplyRemote(TextDiff.Between(ServerText, correct), Revision);

    /// <summary>Starts over from the server's <paramref name="text"/>; returns the change of the local text and whether pending edits were dropped.</summary>
    public (TextOperation Change, bool Discarded) Reset(int revision, string text)
    {
        var change = TextDiff.Between(Text, text);
        bool discarded = Outstanding is not null;
        ServerText = text;
        Text = text;
        Revision = revision;
        Outstanding = null;
        Buffer = null;
        return (change, discarded);
    }

    /// <summary>
    /// Starts over from the server's <paramref name="text"/> at <paramref name="revision"/> with the pending edits
    /// merged onto it as <paramref name="rebased"/> (the new outstanding operation; none when it is a no-op and
    /// nothing else is pending). <paramref name="keepSeq"/>: the former outstanding operation was never committed,
    /// so the merge takes over its seq; otherwise it gets the next one. Returns the change of the local text.
    /// </summary>
    public TextOperation Rebase(int revision, string text, TextOperation rebased, bool keepSeq)
    {
        string merged = rebased.Apply(text);
        var change = TextDiff.Between(Text, merged);
        int seq = Outstanding?.Seq ?? LastSeq;
        ServerText = text;
        Text = merged;
        Revision = revision;
        Buffer = null;
        Outstanding = rebased.IsNoop && !keepSeq ? null : new Outstanding(rebased, keepSeq ? seq : ++LastSeq);
        return change;
    }

    /// <summary>Continues from a saved snapshot (before the first join).</summary>
    public void Restore(PendingEdits saved)
    {
        ServerText = saved.Text;
        Revision = saved.Revision;
        LastSeq = saved.Seq;
        Outstanding = new Outstanding(saved.Operation, saved.Seq);
        Buffer = saved.Buffer;
        string text = saved.Operation.Apply(saved.Text);
        Text = saved.Buffer is null ? text : saved.Buffer.Apply(text);
    }

    /// <summary>The pending edits as a snapshot, or null when synchronized.</summary>
    public PendingEdits? Snapshot(string documentId, string clientId) =>
        Outstanding is null ? null : new PendingEdits(documentId, clientId, Revision, ServerText, Outstanding.Seq, Outstanding.Operation, Buffer);
}
