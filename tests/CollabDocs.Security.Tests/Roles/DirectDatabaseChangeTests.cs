using System.Net;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>
/// docs/security.md, "When a role changes", and docs/protocol.md, <c>GetEvents</c>: a role removed directly in the
/// database (no API call on any node tells the server) reaches joined hub connections through the periodic recheck,
/// and an open change feed through its keep-alive check.
/// </summary>
public sealed class DirectDatabaseChangeTests
{
    private readonly TestUser _owner = TestUser.Named("Owner");
    private readonly TestUser _bob = TestUser.Named("Bob");

    [Fact]
    [Trait("Promise", "security.role-recheck-reads-the-database")]
    public async Task ARoleDeletedInTheDatabase_ClosesTheJoinedConnection_AtTheNextPeriodicRecheck()
    {
        await using var node = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:MembershipRecheckInterval"] = "00:00:01" });
        using var api = node.ApiAs(_owner.Token);
        await api.CreateOkAsync("direct", "abc").DefaultTimeout();
        await api.SetRoleOkAsync("direct", _bob.Id, "editor").DefaultTimeout();
        await using var bob = await node.ConnectAsync(_bob.Token).DefaultTimeout();
        await bob.Json.JoinAsync("direct").DefaultTimeout();
        Assert.Equal(1, await bob.SubmitAsync("direct", 0, new object[] { 3, "!" }, "bob-client", 1).DefaultTimeout());

        await DeleteMemberRowAsync(node, "direct", _bob.Id).DefaultTimeout();

        // Nothing but the recheck (every second here) can tell the node.
        var closed = await TestHubClient.NextAsync(bob.Json.Closed).DefaultTimeout();
        Assert.Equal("access_revoked", closed.GetProperty("reason").GetString());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(bob.SubmitAsync("direct", 1, new object[] { 4, "?" }, "bob-client", 2)).DefaultTimeout());
        Assert.Equal("abc!", (await api.GetJsonAsync("/api/documents/direct").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "protocol.feed-access-rechecked-at-keep-alive")]
    public async Task ARoleDeletedInTheDatabase_EndsTheChangeFeed_AtItsNextKeepAlive()
    {
        await using var node = TestHost.Jwt(new Dictionary<string, string?>
        {
            ["CollabDocs:Feeds:KeepAliveInterval"] = "00:00:00.300",
            ["CollabDocs:Auth:MembershipRecheckInterval"] = "00:00:00", // off: only the feed's own check can notice
        });
        using var api = node.ApiAs(_owner.Token);
        await api.CreateOkAsync("followed", "abc").DefaultTimeout();
        await api.SetRoleOkAsync("followed", _bob.Id, "viewer").DefaultTimeout();
        using var reader = node.ApiAs(_bob.Token);
        using var response = await reader.Http.GetAsync(new Uri("/api/documents/followed/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync().DefaultTimeout());

        // While the role holds, the idle feed is kept alive.
        await ReadUntilAsync(stream, line => line == ": keep-alive").DefaultTimeout();

        await DeleteMemberRowAsync(node, "followed", _bob.Id).DefaultTimeout();

        await ReadUntilAsync(stream, line => line == "event: closed").DefaultTimeout();
        string? data = await stream.ReadLineAsync().DefaultTimeout();
        Assert.NotNull(data);
        Assert.Contains("\"reason\":\"access_revoked\"", data, StringComparison.Ordinal);
        await ReadUntilAsync(stream, line => line is null).DefaultTimeout(); // and the stream ends
    }

    [Fact]
    [Trait("Promise", "protocol.feed-access-checked-at-open")]
    [Trait("Promise", "protocol.authors-errors")]
    public async Task OpeningAFeed_OrAskingForAuthors_WithoutARoleOrAToken_IsRefusedWithProblemDetails()
    {
        await using var node = TestHost.Jwt();
        using var api = node.ApiAs(_owner.Token);
        await api.CreateOkAsync("private", "abc").DefaultTimeout();
        await api.SetRoleOkAsync("private", _bob.Id, "viewer").DefaultTimeout();
        using var stranger = node.ApiAs(TestUser.Named("Carol").Token);
        using var anonymous = node.ApiAs(token: null);
        using var viewer = node.ApiAs(_bob.Token);

        foreach (string path in new[] { "/api/documents/private/events", "/api/documents/private/authors" })
        {
            await AssertProblemAsync(stranger, path, HttpStatusCode.Forbidden, "forbidden").DefaultTimeout();
            await AssertProblemAsync(anonymous, path, HttpStatusCode.Unauthorized, "unauthenticated").DefaultTimeout();
            using var allowed = await viewer.Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        await AssertProblemAsync(stranger, "/api/documents/nowhere/authors", HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        await AssertProblemAsync(viewer, "/api/documents/private/authors?revision=-1", HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
    }

    private static async Task AssertProblemAsync(ApiClient caller, string path, HttpStatusCode status, string code)
    {
        using var response = await caller.Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();
        Assert.True(response.StatusCode == status, $"{path}: expected {(int)status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, await ApiClient.CodeOfAsync(response).DefaultTimeout());
    }

    /// <summary>Reads lines until one satisfies <paramref name="found"/> (null is the end of the stream).</summary>
    private static async Task ReadUntilAsync(StreamReader stream, Func<string?, bool> found)
    {
        while (true)
        {
            string? line = await stream.ReadLineAsync().DefaultTimeout();
            if (found(line))
            {
                return;
            }

            Assert.True(line is not null, "the stream ended first");
        }
    }

    /// <summary>Deletes the member row with SQL on the node's database file, as an administrator (or another program) would.</summary>
    private static async Task DeleteMemberRowAsync(TestHost node, string documentId, string userId)
    {
        string file = Path.Combine(node.DataDirectory, "collabdocs.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync().DefaultTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM DocumentMembers WHERE DocumentId = $document AND UserId = $user";
        command.Parameters.AddWithValue("$document", documentId);
        command.Parameters.AddWithValue("$user", userId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync().DefaultTimeout());
    }
}
