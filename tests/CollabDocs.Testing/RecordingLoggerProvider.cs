using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Testing;

/// <summary>
/// Keeps what a test server logs at <see cref="MinimumLevel"/> or above (after the server's own filters):
/// to show a failing test what the server said, and to assert on what is and is not logged.
/// </summary>
public sealed class RecordingLoggerProvider(LogLevel minimumLevel = LogLevel.Trace) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public LogLevel MinimumLevel { get; } = minimumLevel;

    /// <summary>Every recorded entry, oldest first.</summary>
    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>The entries at <see cref="LogLevel.Error"/> or above.</summary>
    public IReadOnlyList<LogEntry> Errors => _entries.Where(e => e.Level >= LogLevel.Error).ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One entry: <see cref="Text"/> is the message, then the state's values, then the exception.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Text)
    {
        public override string ToString() => $"{Level} {Category}: {Text}";
    }

    private sealed class Recorder(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.MinimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            provider._entries.Enqueue(new LogEntry(category, logLevel, eventId, $"{formatter(state, exception)} | {values} | {exception}"));
        }
    }
}
