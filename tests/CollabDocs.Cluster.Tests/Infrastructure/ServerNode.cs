using System.Collections.Concurrent;
using System.Diagnostics;

namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>
/// One CollabDocs server process (<c>dotnet CollabDocs.Server.dll --urls …</c>), as a deployment runs it.
/// Its console output is kept (the last lines) for the test's output.
/// </summary>
internal sealed class ServerNode : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerNode(string name, string url, Process process)
    {
        Name = name;
        Url = url;
        _process = process;
    }

    public string Name { get; }

    public string Url { get; }

    public bool HasExited => _process.HasExited;

    public static ServerNode Start(string name, string url, IReadOnlyDictionary<string, string> environment)
    {
        string dll = ClusterEnvironment.ServerDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The server is not built: {dll} (dotnet build CollabDocs.sln -c Release).", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new ServerNode(name, url, process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (Healthy or Degraded).</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        await Wait.UntilAsync(
            async () =>
            {
                if (HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{RecentLog(40)}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(Url + "/health/ready")).ConfigureAwait(false);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            timeout,
            $"{Name} is ready",
            pollMilliseconds: 200).ConfigureAwait(false);
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the node shuts down gracefully; waits until it exited.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: the process dies at once, with whatever it had in memory.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public string RecentLog(int lines = KeptLines) => string.Join('\n', _log.ToArray().TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > KeptLines && _log.TryDequeue(out _))
        {
        }
    }
}
