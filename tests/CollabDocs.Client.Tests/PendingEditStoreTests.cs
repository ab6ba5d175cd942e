using CollabDocs.Client.Persistence;
using CollabDocs.Client.Tests.Infrastructure;
using CollabDocs.Ot;

namespace CollabDocs.Client.Tests;

/// <summary>Edits not yet acknowledged survive a process restart through the file store, and commit once.</summary>
public sealed class PendingEditStoreTests(ITestOutputHelper output) : ClientTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.reference-client-survives-reload")]
    public async Task EditsMadeOffline_RestoredByANewProcess_AreResentUnderTheSameClientIdAndCommittedOnce()
    {
        string storeDirectory = Path.Combine(DataDirectory, "pending");
        string id = await CreateDocumentAsync("line 1\n").DefaultTimeout();
        var (client, network) = NewClient(o => o.PendingEditStore = new FilePendingEditStore(storeDirectory));
        var document = await client.OpenAsync(id).DefaultTimeout();

        network.Offline = true;
        network.Disconnect();
        await Eventually.TrueAsync(() => document.Status != DocumentStatus.Live, "the document goes offline").DefaultTimeout();
        foreach (string line in new[] { "offline 😀\n", "offline 𝄞\n", "offline 3\n" })
        {
            document.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, line));

            // Saved as soon as it is made, even though it cannot be sent.
            Assert.True(File.Exists(Path.Combine(storeDirectory, id + ".pending.json")));
        }

        Assert.Equal(SyncState.AwaitingWithBuffer, document.State);

        // Someone else edits meanwhile, so the restored edits must be transformed.
        var (other, _) = NewClient();
        var otherDocument = await other.OpenAsync(id).DefaultTimeout();
        otherDocument.Submit(TextOperation.Splice(otherDocument.Text.Length, 0, 0, "first\n"));
        await otherDocument.WhenSynchronizedAsync().DefaultTimeout();

        // The process dies: the client object is gone, the file stays.
        string clientId = document.ClientId;
        await client.DisposeAsync().DefaultTimeout();
        Assert.True(File.Exists(Path.Combine(storeDirectory, id + ".pending.json")));

        var (restarted, _) = NewClient(o => o.PendingEditStore = new FilePendingEditStore(storeDirectory));
        var restored = await restarted.OpenAsync(id).DefaultTimeout();
        Assert.Equal(clientId, restored.ClientId);
        await restored.WhenSynchronizedAsync().DefaultTimeout();

        const string expected = "first\nline 1\noffline 😀\noffline 𝄞\noffline 3\n";
        Assert.Equal((3, expected), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(expected, restored.Text);
        var log = await GetLogAsync(id).DefaultTimeout();
        Assert.Equal([1, 2], log.Where(e => e.ClientId == clientId).Select(e => e.Seq));
        Assert.False(File.Exists(Path.Combine(storeDirectory, id + ".pending.json")));
    }

    [Fact]
    [Trait("Promise", "protocol.reference-client-survives-reload")]
    public async Task RestoredOperation_ThatWasCommittedBeforeTheCrash_IsTakenAsItsAcknowledgement_NotAppliedTwice()
    {
        string storeDirectory = Path.Combine(DataDirectory, "pending");
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        const string clientId = "crashed-client";
        var (client, _) = NewClient(o => o.ClientId = clientId);
        var document = await client.OpenAsync(id).DefaultTimeout();
        var operation = TextOperation.Splice(3, 3, 0, "🦀");
        document.Submit(operation);
        await document.WhenSynchronizedAsync().DefaultTimeout();
        var (other, _) = NewClient();
        var otherDocument = await other.OpenAsync(id).DefaultTimeout();
        otherDocument.Edit(text => TextOperation.Splice(text.Length, 0, 0, ">"));
        await otherDocument.WhenSynchronizedAsync().DefaultTimeout();

        // The snapshot the crashed process saved before sending: the operation on revision 0, never acknowledged.
        new FilePendingEditStore(storeDirectory).Save(new PendingEdits(id, clientId, 0, "abc", 1, operation, null));

        var (restarted, _) = NewClient(o => o.PendingEditStore = new FilePendingEditStore(storeDirectory));
        var restored = await restarted.OpenAsync(id).DefaultTimeout();
        await restored.WhenSynchronizedAsync().DefaultTimeout();

        Assert.Equal((2, ">abc🦀"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal((2, ">abc🦀"), (restored.Revision, restored.Text));
        Assert.Equal(SyncState.Synchronized, restored.State);
        Assert.False(File.Exists(Path.Combine(storeDirectory, id + ".pending.json")));
    }
}
