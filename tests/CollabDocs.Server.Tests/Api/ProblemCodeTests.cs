using System.Net;
using System.Text;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>Requests the framework refuses before an endpoint runs still answer problem details with a <c>code</c>.</summary>
public sealed class ProblemCodeTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.http-4xx-has-code")]
    public async Task QueryThatDoesNotBind_IsInvalidArgument()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        using var from = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/operations?from=abc", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(from, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        using var revision = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text?revision=abc", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(revision, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
    }

    [Fact]
    public async Task CreateWithALoneSurrogate_IsInvalidArgument_AndCreatesNothing()
    {
        using var body = new StringContent("""{"id":"lone-surrogate","text":"a\ud800b"}""", Encoding.UTF8, "application/json");
        using var response = await Api.Http.PostAsync(new Uri("/api/documents", UriKind.Relative), body).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        using var missing = await Api.Http.GetAsync(new Uri("/api/documents/lone-surrogate", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(missing, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.http-4xx-has-code")]
    [Trait("Promise", "security.error-not-found")]
    public async Task MalformedBodyAndUnknownPath_HaveCodes()
    {
        using var body = new StringContent("{not json", Encoding.UTF8, "application/json");
        using var malformed = await Api.Http.PostAsync(new Uri("/api/documents", UriKind.Relative), body).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        using var unknown = await Api.Http.GetAsync(new Uri("/api/no-such-endpoint", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "not_found").DefaultTimeout();
    }
}
