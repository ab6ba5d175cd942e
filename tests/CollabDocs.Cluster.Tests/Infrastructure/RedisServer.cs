using System.Diagnostics;

namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>Stops and starts the test Redis (tests/ci/20-cluster.setup.sh), with the command-line tools.</summary>
internal static class RedisServer
{
    private static string Port => ClusterEnvironment.Redis.Split(':')[^1];

    /// <summary>
    /// Shuts Redis down without a snapshot: it comes back with what its append-only file holds (Orleans' membership
    /// table), as a Redis configured for persistence does after a crash; the backplane's pub/sub state is gone.
    /// </summary>
    public static async Task StopAsync()
    {
        _ = await RunAsync("redis-cli", "-p", Port, "shutdown", "nosave").ConfigureAwait(false);
        await Wait.UntilAsync(async () => !await PingAsync().ConfigureAwait(false), TimeSpan.FromSeconds(10), "Redis is down").ConfigureAwait(false);
    }

    public static async Task StartAsync()
    {
        var (code, output) = await RunAsync("redis-server", ClusterEnvironment.RedisConfig).ConfigureAwait(false);
        Assert.True(code == 0, $"redis-server exited with {code}: {output}");
        await Wait.UntilAsync(PingAsync, TimeSpan.FromSeconds(10), "Redis answers").ConfigureAwait(false);
    }

    public static async Task<bool> PingAsync()
    {
        var (code, output) = await RunAsync("redis-cli", "-p", Port, "ping").ConfigureAwait(false);
        return code == 0 && output.Contains("PONG", StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }
}
