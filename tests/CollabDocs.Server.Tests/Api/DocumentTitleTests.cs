using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>Titles (create with one, rename, list), the list's filter, and delete as the list sees it.</summary>
public sealed class DocumentTitleTests(ITestOutputHelper output) : ServerTest(output)
{
    private async Task<JsonElement> ListAsync(string query = "")
    {
        using var response = await Api.Http.GetAsync(new Uri("/api/documents" + query, UriKind.Relative)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
    }

    private Task<HttpResponseMessage> RenameAsync(string id, string? title) =>
        Api.Http.PutAsJsonAsync($"/api/documents/{id}/title", new { title });

    [Fact]
    public async Task Rename_ChangesTheTitleInTheListAndTheTitleEndpoint_AndKeepsTheText()
    {
        using (var create = await Api.Http.PostAsJsonAsync("/api/documents", new { id = "plans", text = "body", title = "Draft" }).DefaultTimeout())
        {
            Assert.Equal("Draft", (await create.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("title").GetString());
        }

        using var rename = await RenameAsync("plans", "  Plans for 2027 ✍️ ").DefaultTimeout();
        var renamed = await rename.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal("Plans for 2027 ✍️", renamed.GetProperty("title").GetString());
        var listed = (await ListAsync().DefaultTimeout()).EnumerateArray().Single();
        Assert.Equal(("plans", "Plans for 2027 ✍️", "owner"), (listed.GetProperty("id").GetString(), listed.GetProperty("title").GetString(), listed.GetProperty("role").GetString()));
        using var title = await Api.Http.GetAsync(new Uri("/api/documents/plans/title", UriKind.Relative)).DefaultTimeout();
        Assert.Equal("Plans for 2027 ✍️", (await title.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("title").GetString());
        Assert.Equal("body", (await Api.GetAsync("plans").DefaultTimeout()).Text);
    }

    [Fact]
    public async Task Untitled_IsAnEmptyTitle_AndAnEmptyRenameMakesADocumentUntitledAgain()
    {
        var created = await Api.CreateAsync("untitled").DefaultTimeout();
        using var named = await RenameAsync("untitled", "Named").DefaultTimeout();
        using var cleared = await RenameAsync("untitled", "   ").DefaultTimeout();

        Assert.Equal(string.Empty, (await ListAsync().DefaultTimeout())[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal("untitled", created.Id);
    }

    [Theory]
    [InlineData("tab\tinside")]
    [InlineData(null)]
    [Trait("Promise", "security.title-limits")]
    public async Task Rename_WithABadTitle_Returns400AndKeepsTheOldOne(string? title)
    {
        await Api.CreateAsync("kept").DefaultTimeout();
        await (await RenameAsync("kept", "Old").DefaultTimeout()).Content.ReadAsStringAsync().DefaultTimeout();

        using var response = await RenameAsync("kept", title).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        Assert.Equal("Old", (await ListAsync().DefaultTimeout())[0].GetProperty("title").GetString());
    }

    [Fact]
    [Trait("Promise", "security.title-limits")]
    public async Task Rename_TooLong_Returns400_AndUnknownDocument_Returns404()
    {
        await Api.CreateAsync("short").DefaultTimeout();

        using var tooLong = await RenameAsync("short", new string('x', 201)).DefaultTimeout();
        using var missing = await RenameAsync("missing", "Anything").DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(missing, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        using var maxLength = await RenameAsync("short", new string('y', 200)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, maxLength.StatusCode);
    }

    [Fact]
    public async Task List_Filter_MineHasEverything_SharedNothing_InAnonymousMode_AndDeletedDocumentsLeaveIt()
    {
        await Api.CreateAsync("one").DefaultTimeout();
        await Api.CreateAsync("two").DefaultTimeout();
        await Api.DeleteAsync("one").DefaultTimeout();

        var mine = await ListAsync("?filter=mine").DefaultTimeout();
        var shared = await ListAsync("?filter=shared").DefaultTimeout();
        using var bad = await Api.Http.GetAsync(new Uri("/api/documents?filter=everything", UriKind.Relative)).DefaultTimeout();

        Assert.Equal(["two"], mine.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Empty(shared.EnumerateArray());
        await DocumentsApi.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        using var title = await Api.Http.GetAsync(new Uri("/api/documents/one/title", UriKind.Relative)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, title.StatusCode);
    }
}
