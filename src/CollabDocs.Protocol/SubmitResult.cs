using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>The acknowledgement of <c>Submit</c>.</summary>
/// <param name="Revision">The revision the operation was committed as.</param>
/// <param name="Checksum">FNV-1a of the text at <paramref name="Revision"/> (<see cref="CollabDocs.Ot.TextChecksum"/>), when the server sends it (null when a resend is answered from the log).</param>
[MessagePackObject]
public sealed record SubmitResult([property: Key("revision")] int Revision, [property: Key("checksum")] uint? Checksum = null);
