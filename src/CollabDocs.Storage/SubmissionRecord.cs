namespace CollabDocs.Storage;

/// <summary>Where (ClientId, Seq) was committed.</summary>
public sealed record SubmissionRecord(string ClientId, int Seq, int Revision, long OperationHash);
