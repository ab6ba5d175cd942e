namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>Polls a condition that another thread makes true.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within 20 s: {what}.");
            }

            await Task.Delay(10).DefaultTimeout();
        }
    }
}
