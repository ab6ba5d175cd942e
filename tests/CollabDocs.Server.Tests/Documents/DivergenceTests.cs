using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Every acknowledgement and broadcast carries the checksum of the text at its revision; a client that diverged notices.</summary>
public sealed class DivergenceTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int CorruptedBroadcast = 3;

    protected override void ConfigureServices(IServiceCollection services) => CorruptingBroadcaster.Install(services, CorruptedBroadcast);

    [Fact]
    public async Task AcknowledgementsAndBroadcasts_CarryTheChecksumOfTheTextAtTheirRevision()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var reader = await ConnectAsync().DefaultTimeout();
        await reader.JoinAsync(id).DefaultTimeout();

        var ack = await writer.SubmitForResultAsync(id, 0, TextOperation.Parse("[5,\" world\"]"), 1).DefaultTimeout();
        var broadcast = await reader.Operations.ReadAsync().AsTask().DefaultTimeout();

        Assert.Equal(TextChecksum.Compute("hello world"), ack.Checksum);
        Assert.Equal(ack.Checksum, broadcast.Checksum);
        Assert.Null((await writer.GetOperationsAsync(id, 0).DefaultTimeout())[0].Checksum);
    }

    [Fact]
    public async Task ACorruptedBroadcast_IsDetectedAtThatRevision_AndTheClientRecoversWithItsPendingEdits()
    {
        string id = await CreateDocumentAsync("shared text\n").DefaultTimeout();
        var typist = await OtClient.JoinAsync(await ConnectAsync().DefaultTimeout(), id).DefaultTimeout();
        var victim = await OtClient.JoinAsync(await ConnectAsync().DefaultTimeout(), id).DefaultTimeout();

        // The typist's third operation reaches the victim corrupted (same length, other letters).
        for (int i = 0; i < CorruptedBroadcast; i++)
        {
            typist.Edit(TextOperation.Splice(typist.Length, typist.Length, 0, "a"));
            await typist.WaitUntilSynchronizedAsync().DefaultTimeout();
        }

        await victim.SyncToAsync(CorruptedBroadcast).DefaultTimeout();
        Assert.Equal(CorruptedBroadcast, victim.DivergedAt);
        Assert.Equal(1, victim.Divergences);
        Assert.NotEqual(typist.Text, victim.Text);

        // The victim has a pending edit when it repairs itself; the edit survives.
        victim.Edit(TextOperation.Splice(victim.Length, 0, 0, ">> "));
        await victim.ResyncIfDivergedAsync().DefaultTimeout();
        typist.Edit(TextOperation.Splice(typist.Length, typist.Length, 0, "b"));
        await typist.WaitUntilSynchronizedAsync().DefaultTimeout();
        await victim.WaitUntilSynchronizedAsync().DefaultTimeout();
        var (head, text) = await GetDocumentAsync(id).DefaultTimeout();
        await typist.SyncToAsync(head).DefaultTimeout();
        await victim.SyncToAsync(head).DefaultTimeout();

        Assert.Equal(">> shared text\naaab", text);
        Assert.Equal(text, typist.Text);
        Assert.Equal(text, victim.Text);
        Assert.False(victim.IsDiverged);
        Assert.Equal(1, victim.Divergences);
        Assert.Equal(0, typist.Divergences);
        Assert.Equal(1, Server.Services.GetRequiredService<CorruptingBroadcaster>().Corrupted);
    }
}
