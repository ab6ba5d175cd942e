using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CollabDocs.Testing;

/// <summary>
/// One CollabDocs server process (<c>dotnet CollabDocs.Server.dll --urls …</c>), as a deployment runs it,
/// for tests that need a real process: killed with SIGKILL, restarted on the same data. Its console output
/// is kept (the last lines) for the test's output.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerProcess(string name, string url, Process process)
    {
        Name = name;
        Url = url;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The URL the server listens on, without a trailing slash.</summary>
    public string Url { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server built with the solution (<c>COLLABDOCS_SERVER_DLL</c> overrides it).</summary>
    public static string ServerDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("COLLABDOCS_SERVER_DLL") is { Length: > 0 } dll)
            {
                return dll;
            }

#if DEBUG
            const string Configuration = "Debug";
#else
            const string Configuration = "Release";
#endif
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CollabDocs.sln")))
            {
                folder = folder.Parent;
            }

            return folder is null
                ? throw new InvalidOperationException("CollabDocs.sln not found above the test folder; set COLLABDOCS_SERVER_DLL.")
                : Path.Combine(folder.FullName, "src", "CollabDocs.Server", "bin", Configuration, "net10.0", "CollabDocs.Server.dll");
        }
    }

    /// <summary>A loopback URL on a port that was free a moment ago.</summary>
    public static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>The server project's folder, whose <c>wwwroot</c> holds the built demo.</summary>
    public static string ServerProjectFolder => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ServerDll)!, "..", "..", ".."));

    /// <summary>
    /// Starts the server on <paramref name="url"/> with <paramref name="environment"/> added to its environment;
    /// with <paramref name="contentRoot"/> (for example <see cref="ServerProjectFolder"/>) it also serves the demo.
    /// </summary>
    public static ServerProcess Start(string name, string url, IReadOnlyDictionary<string, string> environment, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string dll = ServerDll;
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
        if (contentRoot is not null)
        {
            start.ArgumentList.Add("--contentRoot");
            start.ArgumentList.Add(contentRoot);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(name, url, process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (Healthy or Degraded).</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{RecentLog(40)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url + "/health/ready")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout}:\n{RecentLog(40)}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the server shuts down gracefully; returns once it exited.</summary>
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

    /// <summary>
    /// SIGSTOP: the process freezes as a hung or cut-off machine does; its sockets stay open and nothing answers. Never
    /// resumed: <see cref="KillAsync"/> (or disposing) ends it.
    /// </summary>
    public async Task FreezeAsync()
    {
        using var stop = Process.Start("kill", ["-STOP", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await stop.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL: the process dies at once, with whatever it had in memory; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    public string RecentLog(int lines = KeptLines) => string.Join('\n', _log.ToArray().TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
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
