using System.Text.Json;

namespace CollabDocs.Server.Edits;

/// <summary>Body of <c>POST /api/documents/{id}/operations</c>: the hub's <c>Submit</c> arguments.</summary>
internal sealed record SubmitOperationRequest(int? BaseRevision, JsonElement Operation, string? ClientId, int? Seq);
