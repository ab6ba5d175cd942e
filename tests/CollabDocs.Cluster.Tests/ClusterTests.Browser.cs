using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using CollabDocs.Cluster.Tests.Infrastructure;

namespace CollabDocs.Cluster.Tests;

public sealed partial class ClusterTests
{
    /// <summary>
    /// The README's cluster as a person meets it: the demo through nginx (deploy/nginx.conf as shipped) in front
    /// of two nodes with JWT and development tokens (<c>COLLABDOCS_DEV_TOKENS=true</c>), in Debian's Chromium:
    /// sign in by name, create a document, two browser contexts type at once, both converge on the server's text.
    /// </summary>
    [ClusterFact]
    public async Task BrowserThroughNginx_TwoPeopleSignInAndTypeAtOnce_BothConverge()
    {
        var settings = new Dictionary<string, string>
        {
            ["CollabDocs__Auth__Mode"] = "Jwt",
            ["CollabDocs__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CollabDocs__Auth__DevelopmentTokens"] = "true",
        };
        await using var cluster = await TestCluster.StartAsync(output, settings: settings, serveDemo: true);

        var (exitCode, stdout, stderr) = await RunNodeAsync(Path.Combine(ServerProcess.ServerProjectFolder, "..", "..", "web-demo", "e2e", "cluster", "through-nginx.mjs"), cluster.NginxUrl);
        output.WriteLine(stdout);
        output.WriteLine(stderr);
        Assert.True(exitCode == 0, $"the browser script failed ({exitCode}): {stderr}");

        using var result = JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        string documentId = result.RootElement.GetProperty("documentId").GetString()!;
        string text = result.RootElement.GetProperty("text").GetString()!;
        foreach (var typed in result.RootElement.GetProperty("typed").EnumerateObject())
        {
            Assert.Equal(1, Occurrences(text, typed.Value.GetString()!));
        }

        Assert.Empty(result.RootElement.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal(result.RootElement.GetProperty("revision").GetInt32(), await cluster.HeadAsync(documentId));
        output.WriteLine($"converged through nginx at revision {result.RootElement.GetProperty("revision").GetInt32()}: {JsonSerializer.Serialize(text)}");
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.GetFullPath(script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().DefaultTimeout(TimeSpan.FromSeconds(240));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout.DefaultTimeout(), await stderr.DefaultTimeout());
    }
}
