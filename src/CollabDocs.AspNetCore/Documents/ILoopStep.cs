namespace CollabDocs.Server.Documents;

/// <summary>A queued request that runs as one step of the actor's loop.</summary>
internal interface ILoopStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
