using System.Security.Cryptography;
using System.Text;
using CollabDocs.Ot;
using CollabDocs.Server.Api;
using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Security;

/// <summary>
/// <c>POST /api/dev/token</c>: a token for any display name, without a password. For the demo and local use
/// only; mapped only when <see cref="AuthOptions.DevelopmentTokens"/> is on (the Development environment).
/// </summary>
internal static partial class DevelopmentTokenEndpoints
{
    public const string Path = "/api/dev/token";
    public const int MaxNameLength = 64;

    public static RouteHandlerBuilder MapDevelopmentTokenEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, Ok<DevTokenResponse> (DevTokenRequest? request, TokenService tokens, ILoggerFactory loggers) =>
            {
                string name = CheckName(request?.Name);
                var issued = tokens.IssueUserToken(UserIdOf(name), name);
                LogIssued(loggers.CreateLogger(typeof(DevelopmentTokenEndpoints).FullName!), issued.UserId);
                return TypedResults.Ok(new DevTokenResponse(issued.Token, issued.UserId, issued.Name, issued.ExpiresAt));
            })
            .AddEndpointFilter<ProblemFilter>()
            .AllowAnonymous()
            .WithTags("Development")
            .WithName("IssueDevelopmentToken")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Development only: a token for the given display name (no password). Same name, same user id.");

    /// <summary>
    /// The stable user id of a name: <c>dev:</c> plus its slug (lower-case ASCII letters and digits, other runs
    /// as '-'), so "Ada" always signs in as <c>dev:ada</c>; a name without such characters gets a hash instead.
    /// </summary>
    public static string UserIdOf(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (char c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string id = slug.ToString().TrimEnd('-');
        return id.Length > 0
            ? "dev:" + id
            : "dev:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 8));
    }

    private static string CheckName(string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || Utf16.IndexOfLoneSurrogate(name) >= 0 || name.Any(char.IsControl))
        {
            throw CollabException.Invalid($"The body must be {{\"name\": \"…\"}} with a display name of 1 to {MaxNameLength} characters.");
        }

        return name;
    }

    [LoggerMessage(1, LogLevel.Information, "Issued a development token for {UserId}.", EventName = "DevelopmentTokenIssued")]
    private static partial void LogIssued(ILogger logger, string userId);
}

/// <summary>Body of <c>POST /api/dev/token</c>.</summary>
internal sealed record DevTokenRequest(string? Name);

/// <summary>A development token for <see cref="UserId"/>.</summary>
internal sealed record DevTokenResponse(string Token, string UserId, string Name, DateTimeOffset ExpiresAt);
