namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>
/// The services tests/ci/10-postgres.setup.sh and tests/ci/20-cluster.setup.sh start, as they export them.
/// In CI (<c>CI=true</c>) a missing one fails the tests; on a developer machine it skips them.
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

    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Why the cluster tests are skipped here, or null when they run (services configured, or CI, where they must).</summary>
    public static string? SkipReason
    {
        get
        {
            var missing = Variables.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
            return missing.Count > 0 && !IsCi
                ? $"{string.Join(", ", missing)} not set: run test.sh (its tests/ci setup scripts start PostgreSQL, Redis and nginx). In CI these tests fail instead."
                : null;
        }
    }

    /// <summary>The published server: <c>COLLABDOCS_SERVER_DLL</c>, else the solution's build of this configuration.</summary>
    public static string ServerDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("COLLABDOCS_SERVER_DLL") is { Length: > 0 } dll)
            {
                return dll;
            }

#if DEBUG
            const string Configuration = "Debug";
#else
            const string Configuration = "Release";
#endif
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CollabDocs.sln")))
            {
                folder = folder.Parent;
            }

            return folder is null
                ? throw new InvalidOperationException("CollabDocs.sln not found above the test folder; set COLLABDOCS_SERVER_DLL.")
                : Path.Combine(folder.FullName, "src", "CollabDocs.Server", "bin", Configuration, "net10.0", "CollabDocs.Server.dll");
        }
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: the cluster tests need the services of tests/ci/*.setup.sh (run test.sh).");
}
