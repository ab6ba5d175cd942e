using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A submit waiting for its revision; submits queued together are committed as one batch. One that arrived as an
/// <see cref="UnparsedSubmit"/> has only its revision, client and seq until <see cref="Parse"/>.
/// </summary>
internal sealed class SubmitWork : ActorWork<SubmitResult>
{
    private UnparsedSubmit? _unparsed;
    private SubmitCommand? _command;

    public SubmitWork(SubmitCommand command)
    {
        _command = command;
        (BaseRevision, ClientId, Seq) = (command.BaseRevision, command.ClientId, command.Seq);
    }

    public SubmitWork(UnparsedSubmit submit)
    {
        _unparsed = submit;
        (BaseRevision, ClientId, Seq) = (submit.BaseRevision, submit.ClientId, submit.Seq);
    }

    public int BaseRevision { get; }

    public string ClientId { get; }

    public int Seq { get; }

    /// <summary>False until the operation is parsed: only the checks that need no operation may run.</summary>
    public bool IsParsed => _command is not null;

    /// <summary>The parsed submit (once <see cref="Parse"/> succeeded).</summary>
    public SubmitCommand Command => _command ?? throw new InvalidOperationException("The submit's operation is not parsed yet.");

    /// <summary>Parses the operation (once); throws <see cref="CollabException"/> when it is malformed or over a limit.</summary>
    public SubmitCommand Parse()
    {
        if (_command is null)
        {
            _command = _unparsed!.Parse();
            _unparsed = null;
        }

        return _command;
    }
}
