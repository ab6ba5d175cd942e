using CollabDocs.Client.Sync;
using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client;

// Divergence detection (docs/protocol.md, "Checksums"). The checksum is compared with the server text the
// client tracks (the text at its revision without its pending edits), so it is verified whether or not
// edits are pending. On a mismatch the client joins again for the full text, brings that text to its own
// revision with the log, and applies the difference like a remote operation: pending edits are transformed
// past it and survive.
public sealed partial class CollabDocument
{
    private const int MaxRepairRounds = 8;

    private int _divergences;
    private bool _repairing;

    /// <summary>Raised (with the document locked) when a checksum did not match; the client then resynchronises by itself.</summary>
    public event EventHandler<DivergenceDetectedEventArgs>? DivergenceDetected;

    /// <summary>How many checksum mismatches this document has seen (the client's divergence metric).</summary>
    public int Divergences
    {
        get
        {
            lock (_gate)
            {
                return _divergences;
            }
        }
    }

    private void VerifyLocked(ServerEvent applied)
    {
        if (_repairing || applied.Checksum is not uint expected || _state.Revision != applied.Revision || IsClosed)
        {
            return;
        }

        uint actual = TextChecksum.Compute(_state.ServerText);
        if (actual == expected)
        {
            return;
        }

        _divergences++;
        _repairing = true;
        _held.Clear();
        NewEpochLocked();
        _fullJoinPending = true;
        if (_client.IsConnected)
        {
            Fire(() => JoinAsync(full: true));
        }

        DivergenceDetected?.Invoke(this, new DivergenceDetectedEventArgs { Revision = applied.Revision, Expected = expected, Actual = actual });
    }

    /// <summary>
    /// Brings the joined <paramref name="result"/>'s text to this client's revision and corrects the server
    /// text with it; false when that did not work (the caller then starts over from the full text).
    /// </summary>
    private async Task<bool> RepairAsync(int epoch, JoinResult result)
    {
        if (Revision < result.Revision && !await CatchUpToAsync(epoch, result.Revision).ConfigureAwait(false))
        {
            return false;
        }

        var text = result.Text!;
        int at = result.Revision;
        for (int round = 0; round < MaxRepairRounds; round++)
        {
            int upTo;
            lock (_gate)
            {
                if (epoch != _epoch || IsClosed)
                {
                    return false;
                }

                upTo = _state.Revision;
                if (upTo == at)
                {
                    CorrectLocked(text);
                    return true;
                }
            }

            try
            {
                while (at < upTo)
                {
                    var page = await _client.InvokeAsync<List<OperationMessage>>(HubMethods.GetOperations, CancellationToken.None, Id, at, upTo).ConfigureAwait(false);
                    if (page.Count == 0)
                    {
                        return false;
                    }

                    foreach (var message in page)
                    {
                        if (message.Revision == at + 1 && message.Revision <= upTo)
                        {
                            text = message.Operation.Apply(text);
                            at = message.Revision;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return false;
            }
        }

        return false;
    }

    private void CorrectLocked(string correct)
    {
        _repairing = false;
        var change = _state.Correct(correct);
        if (change.IsNoop)
        {
            return;
        }

        _localSelection = _localSelection?.Transform(change);
        SaveLocked();
        Changed?.Invoke(this, new DocumentChangedEventArgs { Kind = DocumentChangeKind.Reset, Operation = change, Revision = _state.Revision });
    }
}
