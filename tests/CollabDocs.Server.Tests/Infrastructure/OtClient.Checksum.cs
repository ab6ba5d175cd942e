using CollabDocs.Ot;

namespace CollabDocs.Server.Tests.Infrastructure;

// Divergence detection (docs/protocol.md, "Checksums"): the client keeps the server's text apart from its
// pending edits, checks it against the checksum of every acknowledgement and broadcast, and on a mismatch
// resynchronises from the server without dropping its pending edits.
public sealed partial class OtClient
{
    private bool _diverged;

    /// <summary>Checksum mismatches seen (the client's divergence metric).</summary>
    public int Divergences { get; private set; }

    /// <summary>True from a mismatch until <see cref="ResyncIfDivergedAsync"/> repaired it.</summary>
    public bool IsDiverged => _diverged;

    /// <summary>
    /// After a mismatch: fetch the server's text, bring it to this client's revision with the log, and turn the
    /// difference into a correcting operation that is applied like a remote one (pending edits are transformed
    /// past it, so they survive).
    /// </summary>
    public async Task ResyncIfDivergedAsync()
    {
        if (!_diverged)
        {
            return;
        }

        var joined = await _hub.JoinAsync(DocumentId).DefaultTimeout();
        await SyncToAsync(joined.Revision, fetchMissing: true).DefaultTimeout();
        var correct = new TextDocument(joined.Text!);
        for (int after = joined.Revision; after < Revision;)
        {
            foreach (var operation in await _hub.GetOperationsAsync(DocumentId, after, Revision).DefaultTimeout())
            {
                correct.Apply(operation.Operation);
                after = operation.Revision;
            }
        }

        var correction = TextDiff.Compute(_server.ToString(), correct.ToString());
        if (_outstanding is not null)
        {
            (_outstanding, correction) = TextOperation.Transform(_outstanding, correction);
            if (_buffer is not null)
            {
                (_buffer, correction) = TextOperation.Transform(_buffer, correction);
            }
        }

        _text.Apply(correction);
        _server = correct;
        _diverged = false;
    }

    private void Verify(int revision, uint? checksum)
    {
        if (checksum is uint expected && _server.Checksum() != expected && !_diverged)
        {
            Divergences++;
            _diverged = true;
            DivergedAt = revision;
        }
    }

    /// <summary>The revision whose checksum first did not match.</summary>
    public int? DivergedAt { get; private set; }
}
