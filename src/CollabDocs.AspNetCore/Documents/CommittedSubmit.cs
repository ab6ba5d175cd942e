using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>A submit the store made durable, with the operation as committed and the checksum of the text after it.</summary>
internal readonly record struct CommittedSubmit(SubmitWork Work, StoredOperation Operation, uint Checksum);
