namespace CollabDocs.Server.Security;

/// <summary>A token bucket: <see cref="Burst"/> calls at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class RateLimit
{
    /// <summary>Sustained rate.</summary>
    public double PermitsPerSecond { get; set; }

    /// <summary>Bucket size: how many calls may come at once after a quiet period.</summary>
    public int Burst { get; set; }
}
