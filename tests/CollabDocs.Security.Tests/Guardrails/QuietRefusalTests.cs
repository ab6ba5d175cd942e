using System.Net;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>docs/security.md: refusals that cost an attacker nothing to send cost the server no log volume and no trust in the Host header.</summary>
public sealed class QuietRefusalTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();
    private readonly TestUser _owner = TestUser.Named("Owner");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.existing-id-409-no-exception")]
    [Trait("Promise", "security.error-document-exists")]
    public async Task CreatingAnExistingId_Answers409DocumentExists_AndLogsNoException()
    {
        using var api = _factory.ApiAs(_owner.Token);
        await api.CreateOkAsync("taken").DefaultTimeout();

        for (int i = 0; i < 5; i++)
        {
            using var again = await api.CreateAsync("taken").DefaultTimeout();
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("document_exists", await ApiClient.CodeOfAsync(again).DefaultTimeout());
        }

        Assert.DoesNotContain(_factory.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Empty(_factory.Logs.Errors);
    }

    [Fact]
    [Trait("Promise", "security.other-host-refused")]
    public async Task InDevelopment_ARequestForAnotherHost_IsRefused()
    {
        using var api = _factory.ApiAs(_owner.Token);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        rebound.Headers.Host = "rebind.example";
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        local.Headers.Host = "localhost";

        using var refused = await api.Http.SendAsync(rebound).DefaultTimeout();
        using var allowed = await api.Http.SendAsync(local).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
