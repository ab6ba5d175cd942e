using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Feeds;

/// <summary>The change feed and commit listeners. Bound from <c>CollabDocs:Feeds</c>.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "CollabDocs:Feeds";

    /// <summary>
    /// How often an idle change feed sends a keep-alive comment, re-checks the reader's access and reads
    /// the log for commits it was not told about (those of other nodes of a cluster).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "CollabDocs:Feeds:KeepAliveInterval must be between {1} and {2}.")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Live events buffered per feed reader; a reader further behind reads the rest from the log.</summary>
    [Range(1, 1_000_000, ErrorMessage = "CollabDocs:Feeds:ReaderQueue must be between {1} and {2}.")]
    public int ReaderQueue { get; set; } = 1024;

    /// <summary>
    /// Commits buffered for the <see cref="IDocumentCommitListener"/>s; the commits of a document that finds the
    /// buffer full are read from the store instead until the listeners have caught up (none is lost).
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "CollabDocs:Feeds:ListenerQueue must be between {1} and {2}.")]
    public int ListenerQueue { get; set; } = 10_000;
}
