namespace CollabDocs.Server.Feeds;

/// <summary>The change feed and commit listeners. Bound from <c>CollabDocs:Feeds</c>.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "CollabDocs:Feeds";

    /// <summary>
    /// How often an idle change feed sends a keep-alive comment, re-checks the reader's access and reads
    /// the log for commits it was not told about (those of other nodes of a cluster).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Live events buffered per feed reader; a reader further behind reads the rest from the log.</summary>
    public int ReaderQueue { get; set; } = 1024;

    /// <summary>Commits buffered for the <see cref="IDocumentCommitListener"/>s; beyond it the oldest are dropped.</summary>
    public int ListenerQueue { get; set; } = 10_000;

    internal void Validate()
    {
        if (KeepAliveInterval <= TimeSpan.Zero || ReaderQueue < 1 || ListenerQueue < 1)
        {
            throw new InvalidOperationException($"{SectionName}: KeepAliveInterval, ReaderQueue and ListenerQueue must be positive.");
        }
    }
}
