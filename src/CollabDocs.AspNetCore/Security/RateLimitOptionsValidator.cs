using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>Refuses at start a <see cref="RateLimitOptions"/> limit that would refuse everything or never refill, naming its key.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <summary>One permit a day: the HTTP buckets refill by whole permits, one every <c>1 / PermitsPerSecond</c> seconds.</summary>
    private const double MinimumHttpRate = 1.0 / 86_400;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.StrangerRefusalMemory < TimeSpan.Zero || options.StrangerRefusalMemory > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{RateLimitOptions.SectionName}:{nameof(options.StrangerRefusalMemory)} must be between 0 and one minute.");
        }

        if (!options.Enabled)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        Check(failures, nameof(options.ConnectionSubmits), options.ConnectionSubmits);
        Check(failures, nameof(options.DocumentSubmits), options.DocumentSubmits);
        Check(failures, nameof(options.ConnectionPresence), options.ConnectionPresence);
        Check(failures, nameof(options.DocumentPresence), options.DocumentPresence);
        Check(failures, nameof(options.ConnectionRequests), options.ConnectionRequests);
        Check(failures, nameof(options.ConnectionSubmitWork), options.ConnectionSubmitWork);
        Check(failures, nameof(options.UserSubmitWork), options.UserSubmitWork);
        Check(failures, nameof(options.ConnectionReceiveBytes), options.ConnectionReceiveBytes);
        Check(failures, nameof(options.UserReceiveBytes), options.UserReceiveBytes);
        Check(failures, nameof(options.UserNewDocuments), options.UserNewDocuments);
        Check(failures, nameof(options.UserNewDocumentCharacters), options.UserNewDocumentCharacters);
        Check(failures, nameof(options.HttpEdits), options.HttpEdits, MinimumHttpRate);
        Check(failures, nameof(options.HttpReads), options.HttpReads, MinimumHttpRate);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string limit, RateLimit? value, double minimum = 0)
    {
        string key = $"{RateLimitOptions.SectionName}:{limit}";
        if (value is null || !(value.PermitsPerSecond > 0 && value.PermitsPerSecond >= minimum) || double.IsInfinity(value.PermitsPerSecond))
        {
            failures.Add(minimum > 0
                ? $"{key}:PermitsPerSecond must be a finite number of at least 1/86400 (one a day)."
                : $"{key}:PermitsPerSecond must be a finite number above 0.");
        }

        if (value is null || value.Burst < 1)
        {
            failures.Add($"{key}:Burst must be at least 1.");
        }
    }
}
