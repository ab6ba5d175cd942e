using CollabDocs.Security.Tests.Infrastructure;
using CollabDocs.Server.Access;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// Issue 10: refusing a user without a role is remembered for <c>StrangerRefusalMemory</c>, so a stranger's flood costs
/// no store query per call; a role granted through the members API applies at once, and a revoked one as before.
/// </summary>
public sealed class StrangerRefusalTests : FakeClockJwtHostTests
{
    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _mallory = TestUser.Named("Mallory");

    public StrangerRefusalTests()
        : base(configureServices: services => services.Replace(ServiceDescriptor.Singleton<IDocumentAccess>(sp => new CountingAccess(sp.GetRequiredService<IDocumentStore>()))))
    {
    }

    /// <summary>The one (singleton) access check of the host, which counts its store queries.</summary>
    private CountingAccess Access => (CountingAccess)Host.Services.GetRequiredService<IDocumentAccess>();

    [Fact]
    [Trait("Promise", "security.stranger-refusal-memory")]
    public async Task RepeatedSubmitsOfAStranger_AreRefusedWithoutQueryingItsRole_UntilTheMemoryRunsOut()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("private").DefaultTimeout();
        await using var mallory = await Host.ConnectAsync(_mallory.Token).DefaultTimeout();

        var codes = new List<string>();
        for (int seq = 1; seq <= 10; seq++)
        {
            codes.Add(await TestHubClient.ErrorCodeAsync(mallory.SubmitAsync("private", 0, new object[] { "spam" }, "m", seq)).DefaultTimeout());
        }

        int queriesWhileRemembered = Access.QueriesFor(_mallory.Id);
        Clock.Advance(TimeSpan.FromSeconds(5));
        codes.Add(await TestHubClient.ErrorCodeAsync(mallory.SubmitAsync("private", 0, new object[] { "spam" }, "m", 11)).DefaultTimeout());

        // The first refusal asks once (the document budget's gate, whose answer DocumentService reuses), the next nine not at all.
        Assert.All(codes, code => Assert.Equal("forbidden", code));
        Assert.Equal(1, queriesWhileRemembered);
        Assert.Equal(2, Access.QueriesFor(_mallory.Id));
        Assert.Equal(string.Empty, (await api.GetJsonAsync("/api/documents/private").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task SubmitsOfAnEditorThatHasNotJoined_QueryItsRoleOncePerCall()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("unjoined").DefaultTimeout();
        await api.SetRoleOkAsync("unjoined", _mallory.Id, "editor").DefaultTimeout();
        await using var writer = await Host.ConnectAsync(_mallory.Token).DefaultTimeout();

        for (int seq = 1; seq <= 5; seq++)
        {
            await writer.SubmitAsync("unjoined", seq - 1, seq == 1 ? new object[] { "w" } : new object[] { seq - 1, "w" }, "w", seq).DefaultTimeout();
        }

        // One query per call: the document budget's gate reads the role and DocumentService uses what it read.
        Assert.Equal(5, Access.QueriesFor(_mallory.Id));
        Assert.Equal("wwwww", (await api.GetJsonAsync("/api/documents/unjoined").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.stranger-refusal-memory")]
    public async Task ARoleGrantedAfterARefusal_AppliesAtOnce_AndARevokedOneStillEndsAccess()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("invite").DefaultTimeout();
        await using var mallory = await Host.ConnectAsync(_mallory.Token).DefaultTimeout();

        string before = await TestHubClient.ErrorCodeAsync(mallory.SubmitAsync("invite", 0, new object[] { "m" }, "m", 1)).DefaultTimeout();
        await api.SetRoleOkAsync("invite", _mallory.Id, "editor").DefaultTimeout();
        int revision = await mallory.SubmitAsync("invite", 0, new object[] { "m" }, "m", 1).DefaultTimeout();
        using (var revoked = await api.RevokeAsync("invite", _mallory.Id).DefaultTimeout())
        {
            Assert.True(revoked.IsSuccessStatusCode);
        }

        string after = await TestHubClient.ErrorCodeAsync(mallory.SubmitAsync("invite", 1, new object[] { 1, "m" }, "m", 2)).DefaultTimeout();
        string again = await TestHubClient.ErrorCodeAsync(mallory.SubmitAsync("invite", 1, new object[] { 1, "m" }, "m", 3)).DefaultTimeout();

        Assert.Equal("forbidden", before);
        Assert.Equal(1, revision);
        Assert.Equal("forbidden", after);
        Assert.Equal("forbidden", again);
        Assert.Equal("m", (await api.GetJsonAsync("/api/documents/invite").DefaultTimeout()).GetProperty("text").GetString());
    }
}
