using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CollabDocs.Testing;

/// <summary>
/// Every await in these tests ends in <c>.DefaultTimeout()</c> (as in ASP.NET Core's own tests): a hang
/// becomes a <see cref="TimeoutException"/> naming the line that waited, instead of a stuck test run.
/// </summary>
public static class TaskTimeoutExtensions
{
    /// <summary>How long an awaited step may take; unlimited under a debugger.</summary>
    public static readonly TimeSpan DefaultTimeoutDuration = Debugger.IsAttached ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(30);

    public static async Task DefaultTimeout(this Task task, TimeSpan? timeout = null, [CallerFilePath] string filePath = "", [CallerLineNumber] int lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = timeout ?? DefaultTimeoutDuration;
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException(Describe(limit, filePath, lineNumber), ex);
        }
    }

    public static async Task<T> DefaultTimeout<T>(this Task<T> task, TimeSpan? timeout = null, [CallerFilePath] string filePath = "", [CallerLineNumber] int lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = timeout ?? DefaultTimeoutDuration;
        try
        {
            return await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException(Describe(limit, filePath, lineNumber), ex);
        }
    }

    public static Task DefaultTimeout(this ValueTask task, TimeSpan? timeout = null, [CallerFilePath] string filePath = "", [CallerLineNumber] int lineNumber = 0) =>
        task.AsTask().DefaultTimeout(timeout, filePath, lineNumber);

    public static Task<T> DefaultTimeout<T>(this ValueTask<T> task, TimeSpan? timeout = null, [CallerFilePath] string filePath = "", [CallerLineNumber] int lineNumber = 0) =>
        task.AsTask().DefaultTimeout(timeout, filePath, lineNumber);

    private static string Describe(TimeSpan limit, string filePath, int lineNumber) =>
        $"The operation at {filePath}:{lineNumber} timed out after {limit.TotalSeconds:0.#} s.";
}
