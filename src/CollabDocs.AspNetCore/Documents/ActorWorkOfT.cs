namespace CollabDocs.Server.Documents;

/// <summary>A request that answers with a value.</summary>
internal abstract class ActorWork<T> : ActorWork
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public void Complete(T value) => _completion.TrySetResult(value);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
