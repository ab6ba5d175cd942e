using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>A submit waiting for its revision; submits queued together are committed as one batch.</summary>
internal sealed class SubmitWork(SubmitCommand command) : ActorWork<SubmitResult>
{
    public SubmitCommand Command { get; } = command;
}
