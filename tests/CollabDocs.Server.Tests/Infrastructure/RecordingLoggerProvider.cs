using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>Keeps the server's warnings and errors, so a failing test can show what the server said.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Every recorded entry, oldest first: "Level Category: message".</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>The entries at <see cref="LogLevel.Error"/> or above.</summary>
    public IReadOnlyList<string> Errors => _entries.Where(e => e.StartsWith(nameof(LogLevel.Error), StringComparison.Ordinal) || e.StartsWith(nameof(LogLevel.Critical), StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                string entry = $"{logLevel} {category}: {formatter(state, exception)}";
                provider._entries.Enqueue(exception is null ? entry : entry + Environment.NewLine + exception);
            }
        }
    }
}
