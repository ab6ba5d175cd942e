using System.Net;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary><c>GET /api/documents/{id}/events</c>: committed operations as Server-Sent Events, resumable.</summary>
public sealed class ChangeFeedTests(ITestOutputHelper output) : ServerTest(output)
{
    // Small pages, so resuming far behind crosses several of them.
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Documents:MaxOperationsPerFetch"] = "4",
    };

    [Fact]
    [Trait("Promise", "protocol.feed-exactly-once-in-order")]
    public async Task Feed_ReplaysFromLastEventId_ThenFollowsLiveCommits()
    {
        string id = await CreateDocumentAsync(string.Empty).DefaultTimeout();
        var hub = await ConnectAsync().DefaultTimeout();
        int seq = 0;
        for (; seq < 10; seq++)
        {
            await hub.SubmitAsync(id, seq, TextOperation.Splice(seq, seq, 0, "a"), seq + 1).DefaultTimeout();
        }

        await using var feed = await EventStreamReader.OpenAsync(Api.Http, id, lastEventId: "3").DefaultTimeout();
        var replayed = new List<OperationMessage>();
        for (int i = 0; i < 7; i++)
        {
            replayed.Add(await feed.ReadOperationAsync().DefaultTimeout());
        }

        await hub.SubmitAsync(id, 10, TextOperation.Splice(10, 0, 0, "b"), 11).DefaultTimeout();
        var live = await feed.ReadOperationAsync().DefaultTimeout();

        Assert.Equal(Enumerable.Range(4, 7), replayed.Select(o => o.Revision));
        Assert.Equal((11, hub.ClientId, 11), (live.Revision, live.ClientId, live.Seq));
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(log.Skip(3).Select(o => o.Operation), replayed.Append(live).Select(o => o.Operation));
    }

    [Fact]
    [Trait("Promise", "protocol.feed-starts-at-current")]
    public async Task Feed_WithoutLastEventId_StartsAtTheCurrentRevision()
    {
        string id = await CreateDocumentAsync("x").DefaultTimeout();
        var hub = await ConnectAsync().DefaultTimeout();
        await hub.SubmitAsync(id, 0, TextOperation.Parse("[1,\"y\"]"), 1).DefaultTimeout();

        await using var feed = await EventStreamReader.OpenAsync(Api.Http, id).DefaultTimeout();
        await hub.SubmitAsync(id, 1, TextOperation.Parse("[2,\"z\"]"), 2).DefaultTimeout();

        Assert.Equal(2, (await feed.ReadOperationAsync().DefaultTimeout()).Revision);
    }

    [Fact]
    [Trait("Promise", "protocol.feed-exactly-once-in-order")]
    public async Task ReaderThatDisconnectsAndResumes_ReceivesEveryRevisionExactlyOnce_InOrder()
    {
        int seed = RandomEdits.Seed(20261131);
        Output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        string id = await CreateDocumentAsync("start\n").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        const int total = 120;

        // A writer commits all the time, while the reader keeps dropping the connection and resuming.
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            var writerRandom = new Random(seed + 1);
            string text = "start\n";
            for (int revision = 0; revision < total; revision++)
            {
                var operation = RandomEdits.Next(writerRandom, text);
                await writer.SubmitAsync(id, revision, operation, revision + 1).DefaultTimeout();
                text = operation.Apply(text);
                await Task.Delay(writerRandom.Next(3)).DefaultTimeout();
            }
        });

        var received = new List<OperationMessage>();
        string lastEventId = "0";
        while (received.Count < total)
        {
            await using var feed = await EventStreamReader.OpenAsync(Api.Http, id, lastEventId).DefaultTimeout();
            int take = 1 + random.Next(15);
            for (int i = 0; i < take && received.Count < total; i++)
            {
                received.Add(await feed.ReadOperationAsync().DefaultTimeout());
            }

            lastEventId = feed.LastEventId!;
        }

        await writing.DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, total), received.Select(o => o.Revision));
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(log.Select(o => (o.Revision, o.Operation, o.Seq)), received.Select(o => (o.Revision, o.Operation, o.Seq)));
    }

    [Fact]
    [Trait("Promise", "protocol.feed-presence-opt-in")]
    public async Task PresenceEvents_AreSentOnlyWhenAskedFor()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        await using var withPresence = await EventStreamReader.OpenAsync(Api.Http, id, presence: true).DefaultTimeout();
        await using var withoutPresence = await EventStreamReader.OpenAsync(Api.Http, id).DefaultTimeout();
        var editor = await ConnectAsync().DefaultTimeout();
        await editor.JoinAsync(id).DefaultTimeout();

        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(2, 4)).DefaultTimeout();
        await editor.SubmitAsync(id, 0, TextOperation.Parse("[5,\"!\"]"), 1).DefaultTimeout();

        (string Event, string? Id, string Data) presence;
        do
        {
            presence = await withPresence.ReadEventAsync().DefaultTimeout();
        }
        while (presence.Event != "presence" || !presence.Data.Contains("\"anchor\":2", StringComparison.Ordinal));

        Assert.Null(presence.Id);
        var next = await withoutPresence.ReadEventAsync().DefaultTimeout();
        Assert.Equal(("operation", "1"), (next.Event, next.Id));
    }

    [Fact]
    [Trait("Promise", "protocol.feed-closed-event")]
    public async Task DeletingTheDocument_EndsTheFeedWithAClosedEvent()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        await using var feed = await EventStreamReader.OpenAsync(Api.Http, id).DefaultTimeout();

        await Api.DeleteAsync(id).DefaultTimeout();

        var closed = await feed.ReadEventAsync().DefaultTimeout();
        Assert.Equal("closed", closed.Event);
        Assert.Contains("deleted", closed.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", null, HttpStatusCode.NotFound, "document_not_found")]
    [InlineData(null, "x", HttpStatusCode.BadRequest, "invalid_argument")]
    [Trait("Promise", "protocol.feed-access-checked-at-open")]
    public async Task Feed_Errors_AreProblemDetails(string? documentId, string? lastEventId, HttpStatusCode status, string code)
    {
        string id = documentId ?? await CreateDocumentAsync("hello").DefaultTimeout();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/documents/{id}/events", UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await Api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(response, status, code).DefaultTimeout();
    }
}
