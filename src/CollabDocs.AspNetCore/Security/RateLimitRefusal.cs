using System.Text.Json.Serialization;

namespace CollabDocs.Server.Security;

/// <summary>
/// Why a hub call was rate limited: the detail of a <c>rate_limited</c> error, sent as JSON after the code
/// (<c>rate_limited: {"message":"…","retryAfterMs":120}</c>, docs/protocol.md). <see cref="RetryAfterMs"/> is
/// null when the limit cannot tell when a retry will succeed.
/// </summary>
internal sealed record RateLimitRefusal(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("retryAfterMs")] int? RetryAfterMs);
