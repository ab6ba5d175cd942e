using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>Assertions on the protocol's error codes, read from the hub exception as a client reads them.</summary>
public static partial class HubErrors
{
    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="code"/>; returns the server's message.</summary>
    public static async Task<string> AssertCodeAsync(string code, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var exception = await Assert.ThrowsAsync<HubException>(call).DefaultTimeout();
        var match = CodePattern().Match(exception.Message);
        Assert.True(match.Success, $"No error code in: {exception.Message}");
        Assert.True(code == match.Groups[1].Value, $"Expected '{code}', got: {exception.Message}");
        return exception.Message;
    }

    // docs/protocol.md: match the code with /HubException: ([a-z_]+):/.
    [GeneratedRegex("HubException: ([a-z_]+):")]
    private static partial Regex CodePattern();
}
