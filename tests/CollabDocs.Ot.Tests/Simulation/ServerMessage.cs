namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>
/// A broadcast of the operation that became revision <paramref name="Revision"/> + 1. The client whose
/// operation it was reads it as an acknowledgement (recognised by <paramref name="ClientId"/>).
/// </summary>
internal sealed record ServerMessage(int ClientId, int Revision, TextOperation Operation);
