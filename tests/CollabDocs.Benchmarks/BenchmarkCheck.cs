namespace CollabDocs.Benchmarks;

/// <summary>Checks made in benchmark setup; a failure stops the benchmark instead of timing wrong code.</summary>
internal static class BenchmarkCheck
{
    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Check failed: {what}.");
        }
    }

    public static void Equal(string expected, string actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            int at = 0;
            while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at])
            {
                at++;
            }

            throw new InvalidOperationException($"{what}: expected {expected.Length} characters, got {actual.Length}; first difference at {at}.");
        }
    }
}
