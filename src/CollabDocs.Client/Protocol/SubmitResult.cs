namespace CollabDocs.Client.Protocol;

/// <summary>The acknowledgement of <c>Submit</c>.</summary>
/// <param name="Revision">The revision the operation was committed as.</param>
public sealed record SubmitResult(int Revision);
