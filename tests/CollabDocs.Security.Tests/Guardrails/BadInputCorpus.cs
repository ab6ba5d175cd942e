using System.Net.WebSockets;
using System.Text;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// The bad-input corpus: what broken or hostile clients send, each with its documented outcome. The victim
/// document is <see cref="BadInputFixture.VictimText"/> plus five committed "." (revision 5, length 19;
/// the emoji is a surrogate pair at offsets 6–7), with seqs 10…50 of client "setup".
/// </summary>
internal static class BadInputCorpus
{
    private const char RecordSeparator = '\u001e';
    private const string V = "\"victim\"";

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        // Frames that are not valid protocol: the connection closes, nothing else happens.
        Frame("frame-truncated-json", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Submit\",\"arguments\":[" + RecordSeparator, "closed"),
        Frame("frame-not-json", "hello" + RecordSeparator, "closed"),
        Frame("frame-nan-literal", $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Submit\",\"arguments\":[{V},NaN,[19],\"c\",1]}}" + RecordSeparator, "closed"),
        Frame("frame-infinity-literal", $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Submit\",\"arguments\":[{V},5,[Infinity],\"c\",1]}}" + RecordSeparator, "closed"),
        Frame("frame-empty-object", "{}" + RecordSeparator, "closed"),
        Frame("frame-type-as-string", "{\"type\":\"invoke\"}" + RecordSeparator, "closed"),
        Bytes("frame-binary-garbage", [0xFF, 0xFE, 0x00, 0x13, 0x37, 0x1E], WebSocketMessageType.Binary, "closed"),
        Bytes("frame-invalid-utf8", [.. Encoding.ASCII.GetBytes("{\"type\":1,\"target\":\""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\",\"arguments\":[]}\u001e")], WebSocketMessageType.Text, "closed"),
        Frame("frame-oversize", $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Submit\",\"arguments\":[{V},5,[19,\"{new string('a', 70_000)}\"],\"c\",1]}}" + RecordSeparator, "closed"),

        // Arguments of the wrong type or number: SignalR refuses to bind them.
        Submit("submit-revision-as-string", $"{V},\"5\",[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-revision-float", $"{V},5.5,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-revision-huge", $"{V},1e300,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-revision-beyond-int32", $"{V},2147483648,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-revision-null", $"{V},null,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-seq-float", $"{V},5,[19,\"x\"],\"c\",1.25", "code:invalid_argument"),
        Submit("submit-document-id-number", "42,5,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-document-id-object", "{\"id\":\"victim\"},5,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-too-few-arguments", $"{V},5", "binding"),
        Submit("submit-too-many-arguments", $"{V},5,[19,\"x\"],\"c\",1,\"dev:owner\"", "binding"),
        Call("presence-range-of-wrong-type", "UpdatePresence", $"{V},5,[{{\"anchor\":\"x\",\"head\":0}}]", "code:invalid_argument", joins: "victim"),
        Call("join-known-revision-as-string", "Join", $"{V},\"5\"", "code:invalid_argument"),

        // Operations that are not ot.js JSON.
        Submit("op-string", $"{V},5,\"abc\",\"c\",1", "code:malformed_operation"),
        Submit("op-object", $"{V},5,{{\"retain\":19}},\"c\",1", "code:malformed_operation"),
        Submit("op-null", $"{V},5,null,\"c\",1", "code:malformed_operation"),
        Submit("op-zero-count", $"{V},5,[19,0],\"c\",1", "code:malformed_operation"),
        Submit("op-negative-zero", $"{V},5,[-0,19],\"c\",1", "code:malformed_operation"),
        Submit("op-float-count", $"{V},5,[19.5],\"c\",1", "code:malformed_operation"),
        Submit("op-huge-number", $"{V},5,[1e300],\"c\",1", "code:malformed_operation"),
        Submit("op-beyond-double-precision", $"{V},5,[9007199254740993],\"c\",1", "code:malformed_operation"),
        Submit("op-empty-insert", $"{V},5,[19,\"\"],\"c\",1", "code:malformed_operation"),
        Submit("op-null-component", $"{V},5,[19,null],\"c\",1", "code:malformed_operation"),
        Submit("op-nested-array", $"{V},5,[[19]],\"c\",1", "code:malformed_operation"),
        Submit("op-boolean-component", $"{V},5,[true],\"c\",1", "code:malformed_operation"),
        Submit("op-object-component", $"{V},5,[{{\"insert\":\"x\"}},19],\"c\",1", "code:malformed_operation"),
        Submit("op-lone-high-surrogate", $"{V},5,[19,\"\\ud800\"],\"c\",1", "code:malformed_operation"),
        Submit("op-lone-low-surrogate", $"{V},5,[\"\\udc00\",19],\"c\",1", "code:malformed_operation"),
        Submit("op-surrogate-pair-split-across-inserts", $"{V},5,[19,\"\\ud83d\",\"\\ude00\"],\"c\",1", "code:malformed_operation"),
        Submit("op-deeply-nested", $"{V},5,{new string('[', 60)}19{new string(']', 60)},\"c\",1", "code:malformed_operation"),

        // Operations that do not fit the text.
        Submit("op-empty", $"{V},5,[],\"c\",1", "code:operation_mismatch"),
        Submit("op-retain-past-the-end", $"{V},5,[25],\"c\",1", "code:operation_mismatch"),
        Submit("op-retain-short-of-the-end", $"{V},5,[18],\"c\",1", "code:operation_mismatch"),
        Submit("op-delete-past-the-end", $"{V},5,[-25],\"c\",1", "code:operation_mismatch"),
        Submit("op-negative-counts-only", $"{V},5,[-5,-5],\"c\",1", "code:operation_mismatch"),
        Submit("op-retain-int32-max", $"{V},5,[2147483647],\"c\",1", "code:operation_mismatch"),
        Submit("op-nan-as-text", $"{V},5,[\"NaN\"],\"c\",1", "code:operation_mismatch"),
        Submit("op-insert-splits-surrogate-pair", $"{V},5,[7,\"x\",12],\"c\",1", "code:operation_mismatch"),
        Submit("op-delete-splits-surrogate-pair", $"{V},5,[6,-1,12],\"c\",1", "code:operation_mismatch"),

        // Ids, seqs and ranges out of range.
        Submit("submit-negative-revision", $"{V},-1,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-seq-zero", $"{V},5,[19,\"x\"],\"c\",0", "code:invalid_argument"),
        Submit("submit-seq-negative", $"{V},5,[19,\"x\"],\"c\",-7", "code:invalid_argument"),
        Submit("submit-empty-client-id", $"{V},5,[19,\"x\"],\"\",1", "code:invalid_argument"),
        Submit("submit-long-client-id", $"{V},5,[19,\"x\"],\"{new string('c', 65)}\",1", "code:invalid_argument"),
        Submit("submit-null-client-id", $"{V},5,[19,\"x\"],null,1", "code:invalid_argument"),
        Submit("submit-path-document-id", "\"../victim\",5,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-null-document-id", "null,5,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Submit("submit-long-document-id", $"\"{new string('v', 65)}\",5,[19,\"x\"],\"c\",1", "code:invalid_argument"),
        Call("get-operations-negative", "GetOperations", $"{V},-1,null", "code:invalid_argument"),
        Call("get-operations-inverted-range", "GetOperations", $"{V},5,2", "code:invalid_argument"),
        Call("presence-without-join", "UpdatePresence", $"{V},5,[{{\"anchor\":0,\"head\":0}}]", "code:invalid_argument"),
        Call("presence-past-the-end", "UpdatePresence", $"{V},5,[{{\"anchor\":100,\"head\":0}}]", "code:invalid_argument", joins: "victim"),
        Call("presence-negative-offset", "UpdatePresence", $"{V},5,[{{\"anchor\":-1,\"head\":0}}]", "code:invalid_argument", joins: "victim"),
        Call("presence-inside-surrogate-pair", "UpdatePresence", $"{V},5,[{{\"anchor\":7,\"head\":7}}]", "code:invalid_argument", joins: "victim"),
        Call("presence-null-ranges", "UpdatePresence", $"{V},5,null", "code:invalid_argument", joins: "victim"),
        Call("presence-negative-revision", "UpdatePresence", $"{V},-1,[]", "code:invalid_argument", joins: "victim"),

        // Revisions from the future and the distant past.
        Submit("submit-revision-far-future", $"{V},1000000,[19,\"x\"],\"c\",1", "code:revision_in_future"),
        Submit("submit-revision-one-ahead", $"{V},6,[19,\"x\"],\"c\",1", "code:revision_in_future"),
        Submit("submit-revision-too-old", $"{V},1,[15,\"x\"],\"c\",1", "code:revision_too_old"),
        Call("presence-revision-in-future", "UpdatePresence", $"{V},99,[]", "code:revision_in_future", joins: "victim"),
        Call("get-operations-beyond-head", "GetOperations", $"{V},1000,null", "ignored"),

        // Exactly-once: resends change nothing; reused or stale seqs are refused.
        Submit("resend-of-a-committed-seq", $"{V},2,[16,\".\"],\"setup\",30", "ok:3"),
        Submit("reused-seq-with-another-change", $"{V},2,[16,\"!\"],\"setup\",30", "code:duplicate_seq_mismatch"),
        Submit("seq-below-latest-never-committed", $"{V},5,[19,\"!\"],\"setup\",15", "code:seq_out_of_order"),
        // A resend further behind than the lag limit (here 3) is too far to check: nothing is loaded for it, and it
        // is answered with the revision it was committed as (refusing it would make the client submit it again).
        Submit("resend-further-behind-than-the-lag", $"{V},0,[14,\".\"],\"setup\",50", "ok:5"),

        // Roles.
        Submit("viewer-submit", $"{V},5,[19,\"!\"],\"c\",1", "code:forbidden", user: "viewer"),
        Submit("stranger-submit", $"{V},5,[19,\"!\"],\"c\",1", "code:forbidden", user: "stranger"),
        Call("stranger-join", "Join", $"{V},null", "code:forbidden", user: "stranger"),
        Call("stranger-get-operations", "GetOperations", $"{V},0,null", "code:forbidden", user: "stranger"),
        Submit("unknown-document-submit", "\"no-such-document\",0,[\"x\"],\"c\",1", "code:document_not_found"),
        Call("unknown-document-join", "Join", "\"no-such-document\",null", "code:document_not_found"),

        // Size limits (this server: 100 components, 1,000 changed characters, 600 characters, 3 documents, 4 ranges).
        Submit("op-too-many-components", $"{V},5,[{string.Join(",", Enumerable.Repeat("1,\"a\"", 50))},-19,\"z\"],\"c\",1", "code:limit_exceeded"),
        Submit("op-too-long", $"{V},5,[19,\"{new string('x', 1001)}\"],\"c\",1", "code:limit_exceeded"),
        // Limits are checked while parsing: adjacent inserts count before they merge, and reading stops at the limit.
        Submit("op-adjacent-inserts-too-long", $"{V},5,[19,{string.Join(",", Enumerable.Repeat($"\"{new string('y', 51)}\"", 20))}],\"c\",1", "code:limit_exceeded"),
        Submit("op-malformed-past-the-component-limit", $"{V},5,[{string.Join(",", Enumerable.Repeat("1,\"a\"", 50))},null],\"c\",1", "code:limit_exceeded"),
        Submit("document-too-long", $"{V},5,[19,\"{new string('x', 600)}\"],\"c\",1", "code:limit_exceeded"),
        Call("join-too-many-documents", "Join", $"{V},null", "code:limit_exceeded", joins: ["editor-own-1", "editor-own-2", "editor-own-3"]),
        Call("presence-too-many-ranges", "UpdatePresence", $"{V},5,[{string.Join(",", Enumerable.Repeat("{\"anchor\":0,\"head\":0}", 5))}]", "code:limit_exceeded", joins: "victim"),

        // Methods the hub does not have, and protocol messages it does not expect.
        Call("unknown-method", "DropDatabase", V, "unknown-method"),
        Call("lifecycle-method", "OnDisconnectedAsync", "null", "unknown-method"),
        Call("dispose-method", "Dispose", string.Empty, "unknown-method"),
        Frame("frame-unknown-message-type", "{\"type\":99,\"invocationId\":\"1\"}" + RecordSeparator, "unanswered"),
        Frame("frame-stream-invocation-of-submit", $"{{\"type\":4,\"invocationId\":\"s1\",\"target\":\"Submit\",\"arguments\":[{V},5,[19,\"x\"],\"c\",1]}}" + RecordSeparator, "refused"),
        Frame("frame-fire-and-forget-bad-submit", $"{{\"type\":1,\"target\":\"Submit\",\"arguments\":[{V},5,[25],\"c\",1]}}" + RecordSeparator, "ignored"),
        Frame("frame-cancel-unknown-invocation", "{\"type\":5,\"invocationId\":\"nope\"}" + RecordSeparator, "ignored"),

        // Floods: rate limits answer rate_limited; the connection and everyone else carry on.
        Flood("flood-malformed-submits", "Submit", $"{V},5,[0],\"c\",1", 150, "flood:malformed_operation"),
        Flood("flood-viewer-submits", "Submit", $"{V},5,[19,\"!\"],\"c\",1", 150, "flood:forbidden", user: "viewer"),
        Flood("flood-presence", "UpdatePresence", $"{V},5,[{{\"anchor\":1,\"head\":2}}]", 150, "flood:ok", joins: "victim"),
        Flood("flood-get-operations", "GetOperations", $"{V},0,null", 150, "flood:ok"),
    ];

    private static BadInputCase Call(string name, string target, string arguments, string expected, string user = "editor", params string[] joins) =>
        new(name, user, joins, async socket => [await socket.InvokeAsync(target, arguments).DefaultTimeout()], expected);

    private static BadInputCase Submit(string name, string arguments, string expected, string user = "editor") =>
        Call(name, "Submit", arguments, expected, user);

    /// <summary>Sends <paramref name="text"/> as it is; unless the connection closes, a valid call must still work after it.</summary>
    private static BadInputCase Frame(string name, string text, string expected) =>
        new(name, "editor", [], async socket =>
        {
            await socket.SendAsync(text).DefaultTimeout();
            return [await AfterwardsAsync(socket, expected).DefaultTimeout()];
        }, expected);

    private static BadInputCase Bytes(string name, byte[] bytes, WebSocketMessageType type, string expected) =>
        new(name, "editor", [], async socket =>
        {
            await socket.SendAsync(bytes, type).DefaultTimeout();
            return [await AfterwardsAsync(socket, expected).DefaultTimeout()];
        }, expected);

    /// <summary><paramref name="count"/> calls sent back to back without waiting, then every answer.</summary>
    private static BadInputCase Flood(string name, string target, string arguments, int count, string expected, string user = "editor", params string[] joins) =>
        new(name, user, joins, async socket =>
        {
            var ids = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                ids.Add(await socket.SendInvocationAsync(target, arguments).DefaultTimeout());
            }

            var outcomes = new List<RawOutcome>(count);
            foreach (string id in ids)
            {
                outcomes.Add(await socket.CompletionAsync(id).DefaultTimeout());
            }

            return outcomes;
        }, expected);

    private static async Task<RawOutcome> AfterwardsAsync(RawHubSocket socket, string expected)
    {
        switch (expected)
        {
            case "closed":
            case "refused":
                return await socket.CompletionAsync(null).DefaultTimeout();
            case "unanswered":
                var next = socket.InvokeAsync("GetOperations", $"{V},5,null");
                return await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(1))).DefaultTimeout() == next ? await next.DefaultTimeout() : RawOutcome.Unanswered;
            default:
                return await socket.InvokeAsync("GetOperations", $"{V},5,null").DefaultTimeout();
        }
    }
}
