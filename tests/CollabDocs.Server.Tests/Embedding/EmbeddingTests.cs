using System.Net;
using System.Net.Http.Json;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Access;
using CollabDocs.Server.Feeds;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>CollabDocs embedded in an app of its own (<see cref="EmbeddedApp"/>): its authentication, its hooks.</summary>
public sealed class EmbeddingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDataDirectory Data { get; } = new();
    private EmbeddedApp _app = null!;

    public async Task InitializeAsync() => _app = await EmbeddedApp.StartAsync(Data.Path).DefaultTimeout();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync().DefaultTimeout();
        foreach (var entry in _app.Logs.Entries)
        {
            output.WriteLine("app: " + entry);
        }

        Data.Dispose();
    }

    [Fact]
    public async Task TheHostsScheme_IdentifiesCallers_NextToTheHostsOwnEndpoints()
    {
        Assert.Equal("the host's own endpoint", await _app.Http(null).GetStringAsync(new Uri("/hello", UriKind.Relative)).DefaultTimeout());

        using var anonymous = await _app.Http(null).GetAsync(new Uri("/api/documents", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthenticated").DefaultTimeout();

        var alice = new DocumentsApi(_app.Http("alice"));
        var created = await alice.CreateAsync("plain-1", "text").DefaultTimeout();
        Assert.Equal("host:alice", created.CreatedBy);
        Assert.Equal("owner", created.Role);

        // The stored roles apply to the host's users: bob has none until alice grants one.
        var bob = new DocumentsApi(_app.Http("bob"));
        using var refused = await bob.Http.GetAsync(new Uri("/api/documents/plain-1", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden").DefaultTimeout();
        await GrantAsync(alice, "plain-1", "host:bob", "viewer").DefaultTimeout();
        Assert.Equal("text", (await bob.GetAsync("plain-1").DefaultTimeout()).Text);

        // The hub sees the same identity: the name presence shows is the host's.
        var connection = await _app.ConnectAsync("bob").DefaultTimeout();
        var joined = await connection.InvokeAsync<JoinResult>("Join", "plain-1", (int?)null).DefaultTimeout();
        Assert.Equal("viewer", joined.Role);
        await HubErrors.AssertCodeAsync("forbidden", () => Submit(connection, "plain-1", 0, TextOperation.Splice(4, 4, 0, "!"), "bob-tab", 1)).DefaultTimeout();

        // CollabDocs' own token endpoint is not there: the host authenticates.
        using var token = await _app.Http(null).PostAsJsonAsync("/api/dev/token", new { name = "x" }).DefaultTimeout();
        Assert.NotEqual(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task TheInitializer_GivesANewDocumentItsText_UnlessTheRequestHasOne()
    {
        var alice = new DocumentsApi(_app.Http("alice"));
        await alice.CreateAsync("note-1").DefaultTimeout();
        await alice.CreateAsync("note-2", "mine").DefaultTimeout();
        await alice.CreateAsync("other-1").DefaultTimeout();

        Assert.Equal("# note-1\nby alice\n", (await alice.GetAsync("note-1").DefaultTimeout()).Text);
        Assert.Equal("mine", (await alice.GetAsync("note-2").DefaultTimeout()).Text);
        Assert.Equal(string.Empty, (await alice.GetAsync("other-1").DefaultTimeout()).Text);
        Assert.Equal(0, (await alice.GetAsync("note-1").DefaultTimeout()).Revision);
    }

    [Fact]
    [Trait("Promise", "protocol.error-rejected")]
    public async Task TheVeto_RefusesAnEditWithItsCode_AndNothingChanges()
    {
        var alice = new DocumentsApi(_app.Http("alice"));
        await alice.CreateAsync("veto-1", "hello").DefaultTimeout();
        var connection = await _app.ConnectAsync("alice").DefaultTimeout();

        // Over the hub: the typed error, no revision, no broadcast, nothing for the commit listener.
        string message = await HubErrors.AssertCodeAsync(
            ForbiddenWordValidator.Code,
            () => Submit(connection, "veto-1", 0, TextOperation.Splice(5, 5, 0, " a Forbidden word"), "tab", 1)).DefaultTimeout();
        Assert.Contains("may not be written", message, StringComparison.Ordinal);
        Assert.Equal((0, "hello"), await TextOf(alice, "veto-1").DefaultTimeout());

        // Over HTTP: 422 problem details with the same code.
        using var http = await alice.Http.PostAsJsonAsync(
            "/api/documents/veto-1/operations",
            new { baseRevision = 0, operation = new object[] { 5, " forbidden" }, clientId = "http", seq = 1 }).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(http, HttpStatusCode.UnprocessableEntity, ForbiddenWordValidator.Code).DefaultTimeout();
        using var replace = await alice.Http.PutAsJsonAsync("/api/documents/veto-1/text", new { text = "forbidden hello" }).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(replace, HttpStatusCode.UnprocessableEntity, ForbiddenWordValidator.Code).DefaultTimeout();
        Assert.Equal((0, "hello"), await TextOf(alice, "veto-1").DefaultTimeout());
        Assert.Empty(await alice.GetOperationsAsync("veto-1").DefaultTimeout());

        // The same client goes on with its next seq; an allowed edit commits as revision 1.
        Assert.Equal(1, await Submit(connection, "veto-1", 0, TextOperation.Splice(5, 5, 0, " world"), "tab", 2).DefaultTimeout());
        Assert.Equal((1, "hello world"), await TextOf(alice, "veto-1").DefaultTimeout());
        await _app.Listener.WaitForAsync("veto-1", 1).DefaultTimeout();
        Assert.Equal([1], _app.Listener.Seen("veto-1").Select(o => o.Revision));
        Assert.True(_app.Validator.Validated >= 4, $"The validator ran {_app.Validator.Validated} times.");
    }

    [Fact]
    public async Task TheCommitListener_SeesEveryRevisionOnce_InOrder_WithConcurrentSubmitters()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        await EditConcurrentlyAndCheckTheListenerAsync(_app, "busy-1", seed).DefaultTimeout();
    }

    [Fact]
    public async Task ASlowListener_FarBehindTheCommits_StillSeesEveryRevisionOnce_InOrder()
    {
        // A queue of 2 for the listeners and a listener that takes 5 ms a call: most commits find the queue full,
        // and the dispatcher reads them from the log.
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        using var data = new TestDataDirectory();
        await using var app = await EmbeddedApp.StartAsync(
            data.Path,
            services => services.AddSingleton<IDocumentCommitListener>(new SlowListener(TimeSpan.FromMilliseconds(5))),
            new Dictionary<string, string?> { ["CollabDocs:Feeds:ListenerQueue"] = "2" }).DefaultTimeout();
        await Task.WhenAll(
            EditConcurrentlyAndCheckTheListenerAsync(app, "slow-1", seed),
            EditConcurrentlyAndCheckTheListenerAsync(app, "slow-2", seed + 100)).DefaultTimeout();
    }

    [Fact]
    public async Task AReplacedAccessDecision_IsWhatTheHubAndTheApiAsk()
    {
        using var data = new TestDataDirectory();
        await using var app = await EmbeddedApp.StartAsync(data.Path, services => services.AddSingleton<IDocumentAccess, TeamDocumentAccess>()).DefaultTimeout();
        var admin = new DocumentsApi(app.Http("admin"));
        foreach (string id in new[] { "team-1", "handbook-1", "secret-1" })
        {
            await admin.CreateAsync(id, "text").DefaultTimeout();
        }

        var bob = new DocumentsApi(app.Http("bob"));
        using var create = await bob.Http.PostAsJsonAsync("/api/documents", new { id = "bob-1" }).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(create, HttpStatusCode.Forbidden, "forbidden").DefaultTimeout();
        using var secret = await bob.Http.GetAsync(new Uri("/api/documents/secret-1", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(secret, HttpStatusCode.Forbidden, "forbidden").DefaultTimeout();
        Assert.Equal("text", (await bob.GetAsync("handbook-1").DefaultTimeout()).Text);

        var connection = await app.ConnectAsync("bob").DefaultTimeout();
        Assert.Equal("editor", (await connection.InvokeAsync<JoinResult>("Join", "team-1", (int?)null).DefaultTimeout()).Role);
        Assert.Equal(1, await Submit(connection, "team-1", 0, TextOperation.Splice(4, 4, 0, "!"), "bob-tab", 1).DefaultTimeout());
        Assert.Equal("viewer", (await connection.InvokeAsync<JoinResult>("Join", "handbook-1", (int?)null).DefaultTimeout()).Role);
        await HubErrors.AssertCodeAsync("forbidden", () => Submit(connection, "handbook-1", 0, TextOperation.Splice(4, 4, 0, "!"), "bob-tab", 2)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("forbidden", () => connection.InvokeAsync<JoinResult>("Join", "secret-1", (int?)null)).DefaultTimeout();
        Assert.Equal("text!", (await admin.GetAsync("team-1").DefaultTimeout()).Text);
    }

    /// <summary>
    /// Four submitters (three users, one of them twice) edit <paramref name="documentId"/> at once, each against
    /// revision 0 (the server transforms each edit over all those before it); a random share of the edits carries
    /// the forbidden word and is refused. The listener then has every committed revision once, in order, exactly as
    /// the log holds them.
    /// </summary>
    private static async Task EditConcurrentlyAndCheckTheListenerAsync(EmbeddedApp app, string documentId, int seed)
    {
        const int Submitters = 4;
        const int EditsEach = 30;
        var alice = new DocumentsApi(app.Http("alice"));
        await alice.CreateAsync(documentId, "base").DefaultTimeout();
        string[] users = ["alice", "bob", "carol", "alice"];
        await GrantAsync(alice, documentId, "host:bob", "editor").DefaultTimeout();
        await GrantAsync(alice, documentId, "host:carol", "editor").DefaultTimeout();

        var refused = new int[Submitters];
        await Task.WhenAll(Enumerable.Range(0, Submitters).Select(async submitter =>
        {
            var random = new Random(seed + submitter);
            var connection = await app.ConnectAsync(users[submitter]).DefaultTimeout();
            for (int seq = 1; seq <= EditsEach; seq++)
            {
                bool forbidden = random.Next(5) == 0;
                var operation = TextOperation.Splice(4, random.Next(5), 0, forbidden ? $"[{submitter} forbidden]" : $"[{submitter}.{seq}]");
                if (forbidden)
                {
                    await HubErrors.AssertCodeAsync(ForbiddenWordValidator.Code, () => Submit(connection, documentId, 0, operation, $"tab-{submitter}", seq)).DefaultTimeout();
                    refused[submitter]++;
                }
                else
                {
                    await Submit(connection, documentId, 0, operation, $"tab-{submitter}", seq).DefaultTimeout();
                }
            }
        })).DefaultTimeout();

        int committed = (Submitters * EditsEach) - refused.Sum();
        var (revision, text) = await TextOf(alice, documentId).DefaultTimeout();
        Assert.True(committed == revision, $"seed {seed}: {committed} edits accepted, document at revision {revision}");
        Assert.DoesNotContain(ForbiddenWordValidator.Word, text, StringComparison.Ordinal);

        await app.Listener.WaitForAsync(documentId, revision).DefaultTimeout();
        var seen = app.Listener.Seen(documentId);
        Assert.Equal(Enumerable.Range(1, revision), seen.Select(o => o.Revision));

        // What the listener was told is what the log holds, operation for operation.
        var log = await alice.GetLogAsync(documentId).DefaultTimeout();
        Assert.Equal(
            log.Select(o => (o.Revision, o.Operation.ToString(), o.ClientId, o.Seq, o.UserId)),
            seen.Select(o => (o.Revision, o.Operation.ToString(), o.ClientId, o.Seq, o.UserId)));
    }

    private static async Task<int> Submit(HubConnection connection, string documentId, int baseRevision, TextOperation operation, string clientId, int seq) =>
        (await connection.InvokeAsync<SubmitResult>("Submit", documentId, baseRevision, operation, clientId, seq).ConfigureAwait(false)).Revision;

    private static async Task<(int Revision, string Text)> TextOf(DocumentsApi api, string documentId)
    {
        var document = await api.GetAsync(documentId).DefaultTimeout();
        return (document.Revision, document.Text);
    }

    private static async Task GrantAsync(DocumentsApi owner, string documentId, string userId, string role)
    {
        using var response = await owner.Http.PutAsJsonAsync($"/api/documents/{documentId}/members/{userId}", new { role }).DefaultTimeout();
        response.EnsureSuccessStatusCode();
    }
}
