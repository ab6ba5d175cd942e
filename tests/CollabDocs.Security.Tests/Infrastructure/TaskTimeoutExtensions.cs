using System.Diagnostics;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>Every await in these tests ends in <c>.DefaultTimeout()</c>: a hang fails the test instead of the run.</summary>
internal static class TaskTimeoutExtensions
{
    public static TimeSpan DefaultTimeoutSpan => Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(20);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(DefaultTimeoutSpan);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(DefaultTimeoutSpan);

    public static Task DefaultTimeout(this ValueTask task) => task.AsTask().WaitAsync(DefaultTimeoutSpan);

    public static Task<T> DefaultTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(DefaultTimeoutSpan);
}
