using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// A client that missed the last broadcast of a burst notices it from the next presence broadcast (made at a
/// later revision) and pages the operation in, although no operation follows to open a gap.
/// </summary>
public sealed class LostBroadcastTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int LostBroadcast = 3;

    protected override void ConfigureServices(IServiceCollection services) => LosingBroadcaster.Install(services, LostBroadcast);

    [Fact]
    [Trait("Promise", "protocol.reference-client-fills-lost-last-broadcast")]
    public async Task TheLastBroadcastLost_TheReaderCatchesUpFromTheWritersNextPresence()
    {
        string id = await CreateDocumentAsync("notes\n").DefaultTimeout();
        await using var clients = new TestDocumentClients();
        var writer = await clients.OpenAsync(Server, id).DefaultTimeout();
        var reader = await clients.OpenAsync(Server, id).DefaultTimeout();
        var secondArrived = TestDocumentClients.Reaches(reader, LostBroadcast - 1);
        var lastArrived = TestDocumentClients.Reaches(reader, LostBroadcast);

        for (int i = 0; i < LostBroadcast; i++)
        {
            writer.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, "x"));
            await writer.WhenSynchronizedAsync().DefaultTimeout();
        }

        // Revisions 1 and 2 arrived; 3 never will, and nothing else is committed after it.
        await secondArrived.DefaultTimeout();
        await Server.Services.GetRequiredService<LosingBroadcaster>().Lost.DefaultTimeout();
        Assert.False(lastArrived.IsCompleted);

        writer.SetSelection(Selection.Cursor(2));

        await lastArrived.DefaultTimeout();
        var (head, text) = await GetDocumentAsync(id).DefaultTimeout();
        Assert.Equal(LostBroadcast, head);
        Assert.Equal("notes\nxxx", text);
        Assert.Equal(text, reader.Text);
    }
}
