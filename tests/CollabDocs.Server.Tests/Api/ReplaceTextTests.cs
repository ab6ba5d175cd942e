using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Client;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary><c>PUT /api/documents/{id}/text</c>: a whole new text, applied as the smallest operation.</summary>
public sealed class ReplaceTextTests(ITestOutputHelper output) : ServerTest(output)
{
    private const string Start = "first line\nmiddle line\nlast line\n";

    [Fact]
    [Trait("Promise", "protocol.replace-text-smallest-diff")]
    public async Task Put_CommitsOnlyTheDifference()
    {
        string id = await CreateDocumentAsync(Start).DefaultTimeout();

        var body = await PutAsync(id, new { text = "first line\nthe NEW middle line\nlast line\n" }).DefaultTimeout();

        Assert.Equal(1, body.GetProperty("revision").GetInt32());
        Assert.Equal(0, body.GetProperty("baseRevision").GetInt32());
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(TextOperation.Parse("[11,\"the NEW \",22]"), Assert.Single(log).Operation);
    }

    [Fact]
    [Trait("Promise", "protocol.replace-text-equal-commits-nothing")]
    public async Task Put_OfTheSameText_CommitsNothing()
    {
        string id = await CreateDocumentAsync(Start).DefaultTimeout();

        var body = await PutAsync(id, new { text = Start }).DefaultTimeout();

        Assert.Equal(0, body.GetProperty("revision").GetInt32());
        Assert.Empty(await Api.GetLogAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.replace-text-idempotent")]
    public async Task Resend_WithTheSameClientIdAndSeq_ChangesNothing_EvenWithoutBaseRevision()
    {
        string id = await CreateDocumentAsync(Start).DefaultTimeout();
        var request = new { text = "first line\nlast line\n", clientId = "importer", seq = 1 };

        var first = await PutAsync(id, request).DefaultTimeout();
        var hub = await ConnectAsync().DefaultTimeout();
        await hub.SubmitAsync(id, 1, TextOperation.Parse("[\"# \",21]"), 1).DefaultTimeout();
        var again = await PutAsync(id, request).DefaultTimeout();

        Assert.Equal(1, first.GetProperty("revision").GetInt32());
        Assert.Equal(1, again.GetProperty("revision").GetInt32());
        Assert.Equal((2, "# first line\nlast line\n"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    public async Task Put_Errors_AreProblemDetails()
    {
        string id = await CreateDocumentAsync(Start).DefaultTimeout();

        using var future = await Api.Http.PutAsJsonAsync($"/api/documents/{id}/text", new { text = "x", baseRevision = 3 }).DefaultTimeout();
        using var noText = await Api.Http.PutAsJsonAsync($"/api/documents/{id}/text", new { baseRevision = 0 }).DefaultTimeout();
        using var halfIdempotent = await Api.Http.PutAsJsonAsync($"/api/documents/{id}/text", new { text = "x", seq = 1 }).DefaultTimeout();
        using var missing = await Api.Http.PutAsJsonAsync("/api/documents/nope/text", new { text = "x" }).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(future, HttpStatusCode.BadRequest, "revision_in_future").DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(noText, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(halfIdempotent, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(missing, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        Assert.Equal((0, Start), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.replace-text-transforms")]
    public async Task PutWhileTwoEditorsType_EveryoneConverges_TheirEditsSurvive_AndCursorsOutsideTheChangeStay()
    {
        int seed = RandomEdits.Seed(20261130);
        Output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        string id = await CreateDocumentAsync(Start).DefaultTimeout();
        await using var editors = new TestDocumentClients();
        var first = await editors.OpenAsync(Server, id).DefaultTimeout();
        var last = await editors.OpenAsync(Server, id).DefaultTimeout();

        // The bot read revision 0 and rewrites the middle line; meanwhile the editors type in the first
        // and last lines (each keystroke at the start of its line, so those lines' other text stays put).
        var put = PutAsync(id, new { text = "first line\nrewritten by a bot\nlast line\n", baseRevision = 0 });
        for (int i = 0; i < 20; i++)
        {
            string lower = ((char)('a' + random.Next(26))).ToString();
            first.Edit(text => TextOperation.Splice(text.Length, 0, 0, lower));
            string upper = ((char)('A' + random.Next(26))).ToString();
            last.Edit(text => TextOperation.Splice(text.Length, text.LastIndexOf("last line", StringComparison.Ordinal), 0, upper));
            await Task.Delay(random.Next(3)).DefaultTimeout();
        }

        var body = await put.DefaultTimeout();
        int putRevision = body.GetProperty("revision").GetInt32();
        await first.WhenSynchronizedAsync().DefaultTimeout();
        await last.WhenSynchronizedAsync().DefaultTimeout();
        var (head, text) = await GetDocumentAsync(id).DefaultTimeout();
        await first.CatchUpAsync().DefaultTimeout();
        await last.CatchUpAsync().DefaultTimeout();
        Assert.Equal(head, first.Revision);
        Assert.Equal(head, last.Revision);

        Assert.Equal(text, first.Text);
        Assert.Equal(text, last.Text);
        string[] lines = text.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches("^[a-z]{20}first line$", lines[0]);
        Assert.Equal("rewritten by a bot", lines[1]);
        Assert.Matches("^[A-Z]{20}last line$", lines[2]);

        // A cursor anywhere in the first or last line before the PUT's commit is on the same character after it.
        string before = await Api.GetTextAtAsync(id, putRevision - 1).DefaultTimeout();
        string after = await Api.GetTextAtAsync(id, putRevision).DefaultTimeout();
        var committed = Assert.Single(await Api.GetOperationsAsync(id, putRevision - 1, putRevision).DefaultTimeout()).Operation;
        int middleStart = before.IndexOf('\n', StringComparison.Ordinal) + 1;
        int middleEnd = before.IndexOf('\n', middleStart);
        for (int cursor = 0; cursor < before.Length; cursor++)
        {
            if (cursor >= middleStart && cursor <= middleEnd)
            {
                continue;
            }

            int moved = committed.TransformIndex(cursor);
            Assert.True(before[cursor] == after[moved], $"cursor {cursor} ('{before[cursor]}') moved to {moved} ('{after[moved]}')");
            Assert.Equal(before[..cursor].Split('\n').Length, after[..moved].Split('\n').Length);
        }
    }

    private async Task<JsonElement> PutAsync(string id, object body)
    {
        using var response = await Api.Http.PutAsJsonAsync($"/api/documents/{id}/text", body).DefaultTimeout();
        string text = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT text: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
