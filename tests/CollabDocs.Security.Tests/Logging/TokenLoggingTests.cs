using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Logging;

/// <summary>Tokens never reach the logs, even with ASP.NET Core's request logging turned up.</summary>
public sealed class TokenLoggingTests
{
    [Theory]
    [InlineData("Information")]
    [InlineData("Debug")]
    [Trait("Promise", "security.tokens-never-logged")]
    public async Task HubToken_InTheQueryString_IsNeverLogged(string level)
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = level,
            ["Logging:LogLevel:Microsoft.AspNetCore"] = level,
            ["Logging:LogLevel:Microsoft"] = level,
        });
        var ada = TestUser.Named("Ada");
        using var api = factory.ApiAs(ada.Token);
        await api.CreateOkAsync("logged", "text").DefaultTimeout();

        await using (var hub = await factory.ConnectAsync(ada.Token).DefaultTimeout())
        {
            await hub.Json.JoinAsync("logged").DefaultTimeout();
            await hub.SubmitAsync("logged", 0, new object[] { 4, "!" }, "ada", 1).DefaultTimeout();
        }

        await using (var raw = await factory.ConnectRawAsync(ada.Token).DefaultTimeout())
        {
            await raw.InvokeAsync("Join", "\"logged\",null").DefaultTimeout();
        }

        // A refused token is not logged either.
        string bad = TestTokens.For("dev:ada", key: TestTokens.OtherKey);
        await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync(bad)).DefaultTimeout();

        Assert.NotEmpty(factory.Logs.Entries);
        string signature = ada.Token.Split('.')[2];
        string badSignature = bad.Split('.')[2];
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Text.Contains(signature, StringComparison.Ordinal) || e.Text.Contains(badSignature, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Text.Contains("access_token", StringComparison.Ordinal));
    }
}
