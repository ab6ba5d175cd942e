using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>Assertions on the protocol's error codes, read from the hub exception as a client reads them.</summary>
public static class HubErrors
{
    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="code"/>; returns the server's message.</summary>
    public static async Task<string> AssertCodeAsync(string code, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var exception = await Assert.ThrowsAsync<HubException>(call).DefaultTimeout();
        string? actual = HubErrorCode.Of(exception.Message);
        Assert.True(actual is not null, $"No error code in: {exception.Message}");
        Assert.True(code == actual, $"Expected '{code}', got: {exception.Message}");
        return exception.Message;
    }
}
