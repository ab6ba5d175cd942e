using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>
/// The rate limiting policies of the HTTP API (<see cref="RateLimitOptions.HttpEdits"/>, <see cref="RateLimitOptions.HttpReads"/>),
/// added to ASP.NET Core's <see cref="RateLimiterOptions"/> once the options are bound; the endpoints name them.
/// </summary>
internal sealed class HttpRateLimits(IOptions<RateLimitOptions> rateLimits) : IConfigureOptions<RateLimiterOptions>
{
    /// <summary><c>POST …/operations</c>, <c>PUT …/text</c>.</summary>
    public const string Edits = "CollabDocs.HttpEdits";

    /// <summary><c>GET …/text</c>, <c>…/operations</c>, <c>…/authors</c>, <c>…/events</c>.</summary>
    public const string Reads = "CollabDocs.HttpReads";

    public void Configure(RateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = rateLimits.Value;
        options.AddPolicy(Edits, new HttpRateLimitPolicy(limits, limits.HttpEdits, "edits"));
        options.AddPolicy(Reads, new HttpRateLimitPolicy(limits, limits.HttpReads, "reads"));
    }
}
