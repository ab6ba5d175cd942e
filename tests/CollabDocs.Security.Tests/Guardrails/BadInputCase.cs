using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// One bad input: who sends it (<c>editor</c>, <c>viewer</c> or <c>stranger</c> of the victim), the documents
/// joined first, what is sent, and the documented outcome (docs/security.md, "Bad input"):
/// <list type="bullet">
/// <item><c>code:X</c>: the call fails with error code X.</item>
/// <item><c>binding</c>: SignalR refuses arguments that do not bind to the method's parameter types.</item>
/// <item><c>unknown-method</c>: SignalR refuses a method that the hub does not have.</item>
/// <item><c>closed</c>: a frame that is not valid protocol (bad JSON, too big) closes that connection.</item>
/// <item><c>refused</c>: the call fails with SignalR's own message (no code); the connection stays open.</item>
/// <item><c>ignored</c>: nothing is answered and the connection keeps working.</item>
/// <item><c>unanswered</c>: SignalR ignores the message and stops answering that connection (only that one).</item>
/// <item><c>ok:R</c>: a harmless resend, answered with its original revision R.</item>
/// <item><c>flood:X</c>: every call fails with X or <c>rate_limited</c>, and some with <c>rate_limited</c>.</item>
/// </list>
/// </summary>
internal sealed record BadInputCase(string Name, string User, string[] Joins, Func<RawHubSocket, Task<IReadOnlyList<RawOutcome>>> Run, string Expected)
{
    public override string ToString() => Name;

    /// <summary>Asserts the outcomes match <see cref="Expected"/>.</summary>
    public void Check(IReadOnlyList<RawOutcome> outcomes)
    {
        Assert.NotEmpty(outcomes);
        string describe = string.Join("; ", outcomes.Take(3));
        var last = outcomes[^1];
        switch (Expected.Split(':', 2))
        {
            case ["code", var code]:
                Assert.True(!last.Closed && CodeOf(last.Error) == code, $"{Name}: expected {code}, got {describe}");
                break;
            case ["binding"]:
                Assert.True(!last.Closed && last.Error is not null && last.Error.StartsWith($"Failed to invoke '", StringComparison.Ordinal) && CodeOf(last.Error) is null,
                    $"{Name}: expected a binding failure, got {describe}");
                break;
            case ["unknown-method"]:
                Assert.True(!last.Closed && last.Error is not null && last.Error.Contains("Method does not exist.", StringComparison.Ordinal), $"{Name}: expected an unknown method, got {describe}");
                break;
            case ["refused"]:
                Assert.True(!last.Closed && last.Error is not null && CodeOf(last.Error) is null, $"{Name}: expected SignalR's refusal, got {describe}");
                break;
            case ["unanswered"]:
                Assert.True(last == RawOutcome.Unanswered, $"{Name}: expected no answer, got {describe}");
                break;
            case ["closed"]:
                Assert.True(last.Closed, $"{Name}: expected the connection to close, got {describe}");
                break;
            case ["ignored"]:
                Assert.True(!last.Closed && last.Error is null, $"{Name}: expected the connection to keep working, got {describe}");
                break;
            case ["ok", var revision]:
                Assert.True(!last.Closed && last.Error is null && last.Result?.GetProperty("revision").GetInt32() == int.Parse(revision, System.Globalization.CultureInfo.InvariantCulture),
                    $"{Name}: expected revision {revision}, got {describe}");
                break;
            case ["flood", var code]:
                Assert.All(outcomes, o => Assert.True(!o.Closed && (o.Error is null ? code == "ok" : CodeOf(o.Error) is var c && (c == code || c == "rate_limited")), $"{Name}: unexpected {o}"));
                Assert.Contains(outcomes, o => CodeOf(o.Error) == "rate_limited");
                break;
            default:
                throw new InvalidOperationException($"Unknown expectation '{Expected}'.");
        }
    }

    /// <summary>The protocol code in a hub error ("… HubException: code: message"), or null.</summary>
    public static string? CodeOf(string? error) => error is null ? null : HubErrorCode.Of(error);
}
