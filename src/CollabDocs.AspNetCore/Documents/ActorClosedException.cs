namespace CollabDocs.Server.Documents;

/// <summary>The document actor was closed (evicted, deleted) before it handled the request; ask the manager again.</summary>
internal sealed class ActorClosedException : Exception
{
    public ActorClosedException()
        : base("The document actor was closed.")
    {
    }

    public ActorClosedException(string message)
        : base(message)
    {
    }

    public ActorClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
