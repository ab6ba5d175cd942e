using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>
/// Tests on one JWT test host (<see cref="TestHost.Jwt"/>) whose <see cref="TimeProvider"/> is a fake clock, for
/// tests that move the server's time on by hand (rate limits, retry hints, remembered refusals) instead of waiting.
/// </summary>
public abstract class FakeClockJwtHostTests : IAsyncDisposable
{
    protected FakeClockJwtHostTests(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        Host = TestHost.Jwt(
            settings,
            configureServices: services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                configureServices?.Invoke(services);
            });
    }

    /// <summary>The server's clock: it stands still until the test advances it.</summary>
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected TestHost Host { get; }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().DefaultTimeout();
        GC.SuppressFinalize(this);
    }
}
