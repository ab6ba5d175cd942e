using CollabDocs.Protocol;
using CollabDocs.Client.Sync;
using CollabDocs.Ot;

namespace CollabDocs.Client;

// Starting over from the server's text: with nothing pending, a reset; with pending edits that the server can no
// longer transform (their base revision was compacted, or a full join brought the text), a three-way merge onto it.
public sealed partial class CollabDocument
{
    /// <summary>
    /// Merges the pending edits onto the server's <paramref name="text"/> at <paramref name="revision"/> (base: the
    /// server text they were made on; mine: the local text; theirs: <paramref name="text"/>) and makes the result
    /// the outstanding operation. False when the join must be tried again.
    /// </summary>
    /// <remarks>
    /// The outstanding operation may have been committed already (its acknowledgement lost). Resending it with its
    /// (clientId, seq) tells: the server answers a committed pair with its revision before it looks at the base.
    /// If it was committed, it is part of the base (not applied twice); if the server commits it only now, after
    /// <paramref name="revision"/>, the text lacks it, so the document joins again.
    /// </remarks>
    private async Task<bool> RebaseAsync(int epoch, int attempt, int revision, string text)
    {
        Outstanding outstanding;
        int baseRevision;
        lock (_gate)
        {
            if (epoch != _epoch || attempt != _joinAttempt || IsClosed)
            {
                return false;
            }

            if (_state.Outstanding is null)
            {
                if (_state.Revision < revision)
                {
                    ResetLocked(revision, text); // Acknowledged meanwhile: nothing left to merge.
                }

                return true;
            }

            (outstanding, baseRevision) = (_state.Outstanding, _state.Revision);
        }

        bool committed = false;
        try
        {
            var result = await _client.InvokeAsync<SubmitResult>(HubMethods.Submit, CancellationToken.None, Id, baseRevision, outstanding.Operation, ClientId, outstanding.Seq).ConfigureAwait(false);
            if (result.Revision > revision)
            {
                return false;
            }

            committed = true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (CollabDocsException.FromInvokeError(ex).Code is ErrorCodes.Connection or ErrorCodes.Unavailable or ErrorCodes.RateLimited)
            {
                return false;
            }

            // revision_too_old and the like: it was never committed (and never can be: its base only gets older).
        }

        lock (_gate)
        {
            if (epoch != _epoch || attempt != _joinAttempt || IsClosed || _state.Outstanding != outstanding)
            {
                return false;
            }

            string @base = committed ? outstanding.Operation.Apply(_state.ServerText) : _state.ServerText;
            var (rebased, _) = TextOperation.Transform(Ot.TextDiff.Compute(@base, _state.Text), Ot.TextDiff.Compute(@base, text));
            var change = _state.Rebase(revision, text, rebased, keepSeq: !committed);
            _held.RemoveUpTo(revision);
            _others.ResetHistory();
            _localSelection = _localSelection is null ? null : Clamp(_localSelection.Transform(change), _state.Text.Length);
            if (_state.Outstanding is null)
            {
                DeleteSavedLocked();
            }
            else
            {
                SaveLocked();
            }

            Changed?.Invoke(this, new DocumentChangedEventArgs { Kind = DocumentChangeKind.Reset, Operation = change, Revision = revision });
            if (_state.Outstanding is null)
            {
                ReleaseSyncWaitersLocked(closed: false);
            }

            return true;
        }
    }

    /// <summary>Replaces the local state with the server's text at <paramref name="revision"/>.</summary>
    private void ResetLocked(int revision, string text)
    {
        var (change, discarded) = _state.Reset(revision, text);
        _held.RemoveUpTo(revision);
        _others.ResetHistory();
        DeleteSavedLocked();
        if (_localSelection is not null)
        {
            _localSelection = Clamp(_localSelection.Transform(change), text.Length);
        }

        if (!change.IsNoop || discarded)
        {
            Changed?.Invoke(this, new DocumentChangedEventArgs { Kind = DocumentChangeKind.Reset, Operation = change, Revision = revision, DiscardedLocalChanges = discarded });
        }

        ReleaseSyncWaitersLocked(closed: false);
    }
}
