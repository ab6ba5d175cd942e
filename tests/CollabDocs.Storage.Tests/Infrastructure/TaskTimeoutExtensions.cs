namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>Every await in a test ends in <c>.DefaultTimeout()</c>: a hung store fails the test instead of the run.</summary>
public static class TaskTimeoutExtensions
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);
}
