namespace CollabDocs.Ot.Tests.Simulation;

/// <summary>A client's submission: an operation made on the server text at <paramref name="Revision"/>.</summary>
internal sealed record ClientMessage(int ClientId, int Revision, TextOperation Operation);
