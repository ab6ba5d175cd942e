using CollabDocs.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Client.Tests;

/// <summary>Hub errors as the .NET SignalR client reports them: the code, and the structured detail some codes carry.</summary>
public sealed class ErrorDetailTests
{
    private const string Prefix = "An unexpected error occurred invoking 'Submit' on the server. HubException: ";

    [Fact]
    public void RateLimited_ReadsRetryAfterFromTheJsonField_NotFromTheProse()
    {
        var error = CollabDocsException.FromInvokeError(new HubException(
            Prefix + """rate_limited: {"message":"Too many submits from this connection; retry in 999 ms.","retryAfterMs":120}"""));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.True(error.IsHubError);
        Assert.Equal(TimeSpan.FromMilliseconds(120), error.RetryAfter);
        Assert.Equal("Too many submits from this connection; retry in 999 ms.", error.Message);
    }

    [Fact]
    public void RateLimited_WithoutAHint_HasNoRetryAfter()
    {
        var error = CollabDocsException.FromInvokeError(new HubException(
            Prefix + """rate_limited: {"message":"Too many calls.","retryAfterMs":null}"""));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.Null(error.RetryAfter);
        Assert.Equal("Too many calls.", error.Message);
    }

    [Fact]
    public void ProseAlone_IsNotParsedForAHint()
    {
        var error = CollabDocsException.FromInvokeError(new HubException(Prefix + "rate_limited: Too many submits; retry in 120 ms."));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.Null(error.RetryAfter);
        Assert.Equal("Too many submits; retry in 120 ms.", error.Message);
    }

    [Fact]
    public void PlainCodes_KeepTheirText()
    {
        var error = CollabDocsException.FromInvokeError(new HubException(
            Prefix + "revision_in_future: Base revision 12 is ahead of the document (revision 10)."));

        Assert.Equal("revision_in_future", error.Code);
        Assert.Null(error.RetryAfter);
        Assert.Equal("Base revision 12 is ahead of the document (revision 10).", error.Message);
    }

    [Fact]
    public void MalformedDetail_FallsBackToTheText()
    {
        var error = CollabDocsException.FromInvokeError(new HubException(Prefix + "rate_limited: {not json"));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.Null(error.RetryAfter);
        Assert.Equal("{not json", error.Message);
    }
}
