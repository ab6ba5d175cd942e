namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: <c>COLLABDOCS_TEST_POSTGRES</c>, an Npgsql connection string with the
/// right to create databases (tests/ci/10-postgres.setup.sh starts one and sets it). Under test.sh
/// (<c>COLLABDOCS_REQUIRE_SERVICES=1</c>) or in CI (<c>CI=true</c>) a missing variable fails the PostgreSQL
/// tests; a bare <c>dotnet test</c> on a developer machine skips them.
/// </summary>
public static class PostgreSqlServer
{
    public const string Variable = "COLLABDOCS_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Set by test.sh: every test must run, a missing service fails instead of skipping.</summary>
    public const string RequireVariable = "COLLABDOCS_REQUIRE_SERVICES";

    /// <summary>True under test.sh or in CI, where a missing server is a failure, not a skip.</summary>
    public static bool IsRequired => IsSet(RequireVariable) || IsSet("CI");

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (server configured, or required).</summary>
    public static string? SkipReason => ConnectionString is null && !IsRequired
        ? $"{Variable} is not set (run tests/ci/10-postgres.setup.sh, or test.sh); under test.sh or CI these tests fail instead."
        : null;

    private static bool IsSet(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>The connection string, or a failure that says how to get one.</summary>
    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException($"{Variable} is not set: PostgreSQL tests cannot run. test.sh starts a server through tests/ci/10-postgres.setup.sh.");
}
