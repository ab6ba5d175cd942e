using CollabDocs.Client;
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
    [Trait("Promise", "protocol.checksum-on-ack-and-broadcast")]
    [Trait("Promise", "protocol.replayed-checksum-null")]
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
    [Trait("Promise", "protocol.divergence-recovery-keeps-pending")]
    public async Task ACorruptedBroadcast_IsDetectedAtThatRevision_AndTheClientRecoversWithItsPendingEdits()
    {
        string id = await CreateDocumentAsync("shared text\n").DefaultTimeout();
        await using var clients = new TestDocumentClients();
        var typist = await clients.OpenAsync(Server, id).DefaultTimeout();
        var victim = await clients.OpenAsync(Server, id).DefaultTimeout();
        var detected = new TaskCompletionSource<DivergenceDetectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        victim.DivergenceDetected += (_, e) =>
        {
            // The victim has a pending edit while it repairs itself; the edit must survive.
            victim.Edit(text => TextOperation.Splice(text.Length, 0, 0, ">> "));
            detected.TrySetResult(e);
        };

        // The typist's third operation reaches the victim corrupted (same length, other letters).
        for (int i = 0; i < CorruptedBroadcast; i++)
        {
            typist.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, "a"));
            await typist.WhenSynchronizedAsync().DefaultTimeout();
        }

        var divergence = await detected.Task.DefaultTimeout();
        Assert.Equal(CorruptedBroadcast, divergence.Revision);
        Assert.NotEqual(divergence.Expected, divergence.Actual);

        typist.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, "b"));
        await typist.WhenSynchronizedAsync().DefaultTimeout();
        await victim.WhenSynchronizedAsync().DefaultTimeout();
        var (head, text) = await GetDocumentAsync(id).DefaultTimeout();
        await typist.CatchUpAsync().DefaultTimeout();
        await victim.CatchUpAsync().DefaultTimeout();

        Assert.Equal(">> shared text\naaab", text);
        Assert.Equal(head, victim.Revision);
        Assert.Equal(text, typist.Text);
        Assert.Equal(text, victim.Text);
        Assert.Equal(1, victim.Divergences);
        Assert.Equal(0, typist.Divergences);
        Assert.True(Server.Services.GetRequiredService<CorruptingBroadcaster>().Corrupted.IsCompleted);
    }
}
