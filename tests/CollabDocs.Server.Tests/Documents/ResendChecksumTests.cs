using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// docs/protocol.md, Submit: "checksum is the checksum of the text at revision …; it is null when a resend is
/// answered from the log."
/// </summary>
public sealed class ResendChecksumTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.resend-checksum-null")]
    public async Task FirstAcknowledgement_CarriesTheChecksumOfItsText_AResendOfTheSameSeqCarriesNone()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        var other = await ConnectAsync().DefaultTimeout();
        var operation = TextOperation.Splice(3, 3, 0, "d");

        var first = await client.SubmitForResultAsync(id, 0, operation, seq: 1).DefaultTimeout();
        Assert.Equal(2, await other.SubmitAsync(id, 1, TextOperation.Splice(4, 0, 0, ">"), seq: 1).DefaultTimeout());
        var resent = await client.SubmitForResultAsync(id, 0, operation, seq: 1).DefaultTimeout();

        Assert.Equal((1, TextChecksum.Compute("abcd")), (first.Revision, first.Checksum));
        Assert.Equal((1, (uint?)null), (resent.Revision, resent.Checksum));
        Assert.Equal((2, ">abcd"), await GetDocumentAsync(id).DefaultTimeout());
    }
}
