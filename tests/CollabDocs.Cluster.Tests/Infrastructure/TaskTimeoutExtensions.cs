namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>Every await in a test ends in a timeout: a hung cluster fails the test instead of the run.</summary>
internal static class TaskTimeoutExtensions
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task Timeout(this Task task, int seconds) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task<T> Timeout<T>(this Task<T> task, int seconds) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
