using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Client;
using CollabDocs.Ot.Authorship;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary><c>GET /api/documents/{id}/authors</c>: who inserted each range, at any revision.</summary>
public sealed class AuthorsTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.authors-ranges")]
    public async Task ThreeUsersEditingConcurrently_RangesMatchANaiveReplayOfTheLog_AtSeveralRevisions()
    {
        int seed = RandomEdits.Seed(20261132);
        Output.WriteLine($"seed {seed}");
        const string start = "Three people write here.\n";
        var created = await Api.CreateAsync(null, start).DefaultTimeout();
        string id = created.Id;
        await using var editors = new TestDocumentClients();
        var clients = new CollabDocument[3];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = await editors.OpenAsync(Server, id).DefaultTimeout();
        }

        // Ask once early, so the server's map follows the later commits incrementally, not only by replay.
        _ = await Api.GetAuthorsAsync(id, null).DefaultTimeout();
        var random = new Random(seed);
        for (int step = 0; step < 150; step++)
        {
            var client = clients[random.Next(clients.Length)];
            client.Edit(text => RandomEdits.Next(random, text));

            if (step % 10 == 0)
            {
                await Task.Delay(1).DefaultTimeout();
            }
        }

        foreach (var client in clients)
        {
            await client.WhenSynchronizedAsync().DefaultTimeout();
        }

        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(3, log.Select(o => o.UserId).Distinct().Count());
        var naive = new NaiveAuthorship(start.Length, created.CreatedBy, 0, created.CreatedAt.ToUnixTimeMilliseconds());
        var checkpoints = new HashSet<int> { 0, 1, log.Count / 3, log.Count / 2, log.Count - 1, log.Count };
        await AssertMatchesAsync(id, 0, naive).DefaultTimeout();
        foreach (var operation in log)
        {
            naive.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
            if (checkpoints.Contains(operation.Revision))
            {
                await AssertMatchesAsync(id, operation.Revision, naive).DefaultTimeout();
            }
        }

        // The current revision by default, and again after more commits.
        Assert.Equal(naive.GetRanges(), await Api.GetAuthorsAsync(id, null).DefaultTimeout());
        var extra = await Api.Http.PutAsJsonAsync($"/api/documents/{id}/text", new { text = "replaced " + clients[0].Text }).DefaultTimeout();
        extra.EnsureSuccessStatusCode();
        var head = Assert.Single(await Api.GetOperationsAsync(id, log.Count).DefaultTimeout());
        naive.Apply(head.Operation, head.UserId, head.Revision, head.Timestamp);
        Assert.Equal(naive.GetRanges(), await Api.GetAuthorsAsync(id, null).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.authors-by-user")]
    public async Task ByUser_MergesNeighbouringRangesOfOneUser()
    {
        string id = await CreateDocumentAsync("ab").DefaultTimeout();
        var hub = await ConnectAsync().DefaultTimeout();
        await hub.SubmitAsync(id, 0, CollabDocs.Ot.TextOperation.Parse("[2,\"c\"]"), 1).DefaultTimeout();
        await hub.SubmitAsync(id, 1, CollabDocs.Ot.TextOperation.Parse("[3,\"d\"]"), 2).DefaultTimeout();

        using var response = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/authors?by=user", UriKind.Relative)).DefaultTimeout();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();

        var ranges = body.GetProperty("ranges").EnumerateArray().Select(r => (r.GetProperty("start").GetInt32(), r.GetProperty("length").GetInt32(), r.GetProperty("revision").GetInt32())).ToList();
        Assert.Equal([(0, 2, 0), (2, 2, 2)], ranges);
        Assert.Equal(4, body.GetProperty("length").GetInt32());
    }

    [Fact]
    [Trait("Promise", "protocol.authors-errors")]
    public async Task Authors_Errors_AreProblemDetails()
    {
        string id = await CreateDocumentAsync("ab").DefaultTimeout();

        using var future = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/authors?revision=4", UriKind.Relative)).DefaultTimeout();
        using var missing = await Api.Http.GetAsync(new Uri("/api/documents/nope/authors", UriKind.Relative)).DefaultTimeout();
        using var badBy = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/authors?by=colour", UriKind.Relative)).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(future, HttpStatusCode.BadRequest, "revision_in_future").DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(missing, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(badBy, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
    }

    private async Task AssertMatchesAsync(string id, int revision, NaiveAuthorship naive) =>
        Assert.Equal(naive.GetRanges(), await Api.GetAuthorsAsync(id, revision).DefaultTimeout());
}
