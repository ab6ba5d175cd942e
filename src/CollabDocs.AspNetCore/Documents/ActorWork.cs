namespace CollabDocs.Server.Documents;

/// <summary>A request queued to a <see cref="DocumentActor"/>; the actor's loop handles them one at a time.</summary>
internal abstract class ActorWork
{
    public abstract void Fail(Exception exception);
}
