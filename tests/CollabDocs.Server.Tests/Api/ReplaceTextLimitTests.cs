using System.Net;
using System.Net.Http.Json;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>
/// <c>PUT /api/documents/{id}/text</c> against the submit's limits (here 10 characters inserted plus deleted per
/// operation, 40 characters per document) and its rule that <c>clientId</c> and <c>seq</c> come both or neither.
/// </summary>
public sealed class ReplaceTextLimitTests(ITestOutputHelper output) : ServerTest(output)
{
    private const string Start = "0123456789";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Limits:MaxOperationLength"] = "10",
        ["CollabDocs:Limits:MaxDocumentLength"] = "40",
    };

    [Fact]
    [Trait("Promise", "protocol.replace-text-limits")]
    public async Task AReplacementWhoseDiffIsOverTheOperationLimit_IsLimitExceeded_AndNothingChanges()
    {
        string id = await CreateDocumentAsync(Start).DefaultTimeout();

        // Every character differs: 10 deleted + 10 inserted = 20 > 10.
        using (var wholesale = await PutAsync(id, new { text = "abcdefghij" }).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(wholesale, HttpStatusCode.RequestEntityTooLarge, "limit_exceeded").DefaultTimeout();
        }

        // 41 characters: over the document limit (the 31 inserted are over the operation limit too).
        using (var tooLong = await PutAsync(id, new { text = Start + new string('x', 31) }).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(tooLong, HttpStatusCode.RequestEntityTooLarge, "limit_exceeded").DefaultTimeout();
        }

        Assert.Equal((0, Start), await GetDocumentAsync(id).DefaultTimeout());

        // The control: 5 deleted + 5 inserted = 10, at the limit.
        using (var within = await PutAsync(id, new { text = "01234abcde" }).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        }

        Assert.Equal((1, "01234abcde"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.replace-text-client-id-and-seq-together")]
    public async Task ClientIdWithoutSeq_OrSeqWithoutClientId_IsInvalid_AndNothingChanges()
    {
        string id = await CreateDocumentAsync(Start).DefaultTimeout();
        foreach (object half in new object[] { new { text = "01234x", clientId = "importer" }, new { text = "01234x", seq = 1 } })
        {
            using var response = await PutAsync(id, half).DefaultTimeout();
            await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        }

        Assert.Equal((0, Start), await GetDocumentAsync(id).DefaultTimeout());

        // Both, or neither: applied.
        using (var both = await PutAsync(id, new { text = "01234x", clientId = "importer", seq = 1 }).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        }

        using (var neither = await PutAsync(id, new { text = "01234xy" }).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.OK, neither.StatusCode);
        }

        Assert.Equal((2, "01234xy"), await GetDocumentAsync(id).DefaultTimeout());
    }

    private Task<HttpResponseMessage> PutAsync(string id, object body) =>
        Api.Http.PutAsJsonAsync(new Uri($"/api/documents/{id}/text", UriKind.Relative), body);
}
