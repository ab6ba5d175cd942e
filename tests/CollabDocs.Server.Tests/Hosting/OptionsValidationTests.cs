using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Tests.Hosting;

/// <summary>Every invalid setting stops the server at start, with a message naming the setting's key.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly TestDataDirectory _data = new();

    public static TheoryData<string, string> InvalidSettings => new()
    {
        { "CollabDocs:Documents:MaxBatchSize", "0" },
        { "CollabDocs:Documents:HistoryWindow", "0" },
        { "CollabDocs:Documents:CommitRetries", "-1" },
        { "CollabDocs:Documents:IdleEviction", "00:00:00" },
        { "CollabDocs:Documents:MaxJoinOperations", "-1" },
        { "CollabDocs:Documents:MaxOperationsPerFetch", "0" },
        { "CollabDocs:Documents:PresenceThrottle", "-00:00:01" },
        { "CollabDocs:Documents:PresenceTimeout", "00:00:00" },
        { "CollabDocs:Documents:MaxResidentBytes", "1000" },

        // Over the minimum, but the longest document (4 × MaxDocumentLength + MaxHistoryBytes by default) would not fit.
        { "CollabDocs:Documents:MaxResidentBytes", "1000000" },
        { "CollabDocs:Kestrel:MaxRequestBodyBytes", "0" },
        { "CollabDocs:Kestrel:MaxRequestHeadersTotalBytes", "100" },
        { "CollabDocs:Kestrel:RequestHeadersTimeout", "00:00:00" },
        { "CollabDocs:Kestrel:KeepAliveTimeout", "00:00:00" },
        { "CollabDocs:Kestrel:MaxConcurrentConnections", "0" },
        { "CollabDocs:Kestrel:MaxConcurrentUpgradedConnections", "0" },
        { "CollabDocs:Limits:MaxMessageBytes", "0" },
        { "CollabDocs:Limits:MaxOperationLength", "0" },
        { "CollabDocs:Limits:MaxComponents", "0" },
        { "CollabDocs:Limits:MaxDocumentLength", "0" },
        { "CollabDocs:Limits:MaxRevisionLag", "-1" },
        { "CollabDocs:Limits:MaxDocumentsPerConnection", "0" },
        { "CollabDocs:Limits:MaxPresenceRanges", "-1" },
        { "CollabDocs:Storage:SnapshotInterval", "0" },
        { "CollabDocs:Storage:SnapshotsKept", "0" },
        { "CollabDocs:Storage:RetainRevisions", "-1" },
        { "CollabDocs:Storage:RetainAge", "-00:00:01" },
        { "CollabDocs:Storage:RetainSubmissionRevisions", "0" },
        { "CollabDocs:RateLimits:ConnectionSubmits:PermitsPerSecond", "0" },
        { "CollabDocs:RateLimits:DocumentPresence:Burst", "0" },
        { "CollabDocs:RateLimits:HttpEdits:Burst", "0" },
        { "CollabDocs:RateLimits:HttpReads:PermitsPerSecond", "0.00001" },
        { "CollabDocs:RateLimits:ConnectionSubmitWork:PermitsPerSecond", "0" },
        { "CollabDocs:RateLimits:UserSubmitWork:Burst", "0" },
        { "CollabDocs:RateLimits:UserReceiveBytes:Burst", "0" },
        { "CollabDocs:RateLimits:StrangerRefusalMemory", "00:02:00" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void InvalidSetting_IsRefusedAtStart_NamingItsKey(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["CollabDocs:RateLimits:Enabled"] = "true" };
        using var factory = TestHost.Anonymous(_data.Path, settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Find<OptionsValidationException>(error);
        Assert.NotNull(validation);
        Assert.Contains(key, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSettings_Start()
    {
        using var factory = TestHost.Anonymous(_data.Path);

        using var client = factory.CreateClient();

        Assert.NotNull(client.BaseAddress);
    }

    public void Dispose() => _data.Dispose();

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }

            if (error is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
