using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A submit waiting for its revision; submits queued together are committed as one batch. With an
/// <see cref="OperationInput"/> the command's operation is <see cref="OperationInput.Unparsed"/> until <see cref="Parse"/>.
/// </summary>
internal sealed class SubmitWork(SubmitCommand command, OperationInput? input = null) : ActorWork<SubmitResult>
{
    private OperationInput? _input = input;

    public SubmitCommand Command { get; private set; } = command;

    /// <summary>True until the operation is parsed: only the checks that need no operation may run.</summary>
    public bool IsUnparsed => _input is not null;

    /// <summary>Parses the operation (once); throws <see cref="CollabException"/> when it is malformed or over a limit.</summary>
    public SubmitCommand Parse()
    {
        if (_input is { } input)
        {
            Command = Command with { Operation = input.Parse() };
            _input = null;
        }

        return Command;
    }
}
