namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: <c>COLLABDOCS_TEST_POSTGRES</c>, an Npgsql connection string with the
/// right to create databases (tests/ci/10-postgres.setup.sh starts one and sets it). In CI (<c>CI=true</c>)
/// a missing variable fails the PostgreSQL tests; on a developer machine it skips them.
/// </summary>
public static class PostgreSqlServer
{
    public const string Variable = "COLLABDOCS_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (server configured, or CI, where they must).</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"{Variable} is not set (run tests/ci/10-postgres.setup.sh, or test.sh); in CI these tests fail instead."
        : null;

    /// <summary>The connection string, or a failure that says how to get one.</summary>
    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException($"{Variable} is not set: PostgreSQL tests cannot run. test.sh starts a server through tests/ci/10-postgres.setup.sh.");
}
