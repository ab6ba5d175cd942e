namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>
/// The services tests/ci/10-postgres.setup.sh and tests/ci/20-cluster.setup.sh start, as they export them.
/// Under test.sh (<c>COLLABDOCS_REQUIRE_SERVICES=1</c>) or in CI (<c>CI=true</c>) a missing one fails the
/// tests; a bare <c>dotnet test</c> on a developer machine skips them.
/// </summary>
internal static class ClusterEnvironment
{
    public static string Postgres => Require("COLLABDOCS_TEST_POSTGRES");

    /// <summary>host:port of the test Redis.</summary>
    public static string Redis => Require("COLLABDOCS_TEST_REDIS");

    /// <summary>The configuration file the test Redis was started with, to restart it.</summary>
    public static string RedisConfig => Require("COLLABDOCS_TEST_REDIS_CONF");

    /// <summary>nginx's URL (round robin over <see cref="NodeUrls"/>).</summary>
    public static string Nginx => Require("COLLABDOCS_TEST_NGINX");

    /// <summary>Where the tests start the nodes: nginx forwards to the first two.</summary>
    public static string[] NodeUrls => Require("COLLABDOCS_TEST_NODES").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The silo port of each node, in the order of <see cref="NodeUrls"/>.</summary>
    public static int[] SiloPorts => [.. Require("COLLABDOCS_TEST_SILO_PORTS").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    private static readonly string[] Variables = ["COLLABDOCS_TEST_POSTGRES", "COLLABDOCS_TEST_REDIS", "COLLABDOCS_TEST_REDIS_CONF", "COLLABDOCS_TEST_NGINX", "COLLABDOCS_TEST_NODES", "COLLABDOCS_TEST_SILO_PORTS"];

    /// <summary>True under test.sh or in CI, where a missing service is a failure, not a skip.</summary>
    public static bool IsRequired => IsSet("COLLABDOCS_REQUIRE_SERVICES") || IsSet("CI");

    /// <summary>Why the cluster tests are skipped here, or null when they run (services configured, or CI, where they must).</summary>
    public static string? SkipReason
    {
        get
        {
            var missing = Variables.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
            return missing.Count > 0 && !IsRequired
                ? $"{string.Join(", ", missing)} not set: run test.sh (its tests/ci setup scripts start PostgreSQL, Redis and nginx). Under test.sh or CI these tests fail instead."
                : null;
        }
    }

    private static bool IsSet(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: the cluster tests need the services of tests/ci/*.setup.sh (run test.sh).");
}
