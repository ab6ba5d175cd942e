namespace CollabDocs.Server.Documents;

/// <summary>Any other request: a step run on the actor's loop, with the actor's lifetime token.</summary>
internal sealed class LoopWork<T>(Func<CancellationToken, ValueTask<T>> step) : ActorWork<T>, ILoopStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            Complete(await step(cancellationToken).ConfigureAwait(false));
        }
        catch (CollabException ex)
        {
            Fail(ex);
        }
    }
}
