using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client.Tests.Wire;

/// <summary>A <see cref="JoinResult"/> with every record inside it, and its shape on the wire as JSON text (docs/protocol.md).</summary>
internal static class SampleMessages
{
    public const string JoinResultJson =
        """{"documentId":"notes","revision":7,"text":null,"operations":[{"documentId":"notes","revision":7,"operation":[2,"x",-1],"clientId":"c1","seq":3,"userId":"ada","timestamp":1700000000000,"checksum":42}],"presence":[{"documentId":"notes","sessionId":"s1","userId":"ada","name":"Ada","color":"#ff0000","revision":7,"ranges":[{"anchor":1,"head":2}]}],"role":"editor","sessionId":"s2"}""";

    public static JoinResult JoinResult() => new(
        "notes",
        7,
        null,
        [new OperationMessage("notes", 7, TextOperation.Parse("[2,\"x\",-1]"), "c1", 3, "ada", 1700000000000, 42)],
        [new PresenceMessage("notes", "s1", "ada", "Ada", "#ff0000", 7, [new RangeMessage(1, 2)])],
        "editor",
        "s2");
}
