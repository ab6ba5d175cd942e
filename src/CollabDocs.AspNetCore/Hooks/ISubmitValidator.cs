namespace CollabDocs.Server.Hooks;

/// <summary>
/// An integration hook: validates or vetoes every edit before it is committed. Register implementations in DI
/// (<c>services.AddSingleton&lt;ISubmitValidator, MyValidator&gt;()</c>); see docs/embedding.md.
/// </summary>
/// <remarks>
/// It runs on the document's own loop, in the document's order, after the edit is transformed to the head
/// (so <see cref="SubmitValidationContext.Operation"/> is exactly what would be committed) and before anything
/// changes: keep it synchronous and cheap, it delays every later edit of the document. A refused edit changes
/// nothing; its sender gets the verdict's code and message (the hub's error <c>code: message</c>, the HTTP
/// API's problem details with <c>code</c>, status 422). Exceptions refuse the edit with <c>rejected</c> and are logged.
/// A resend of an edit that was already committed is not validated again.
/// </remarks>
public interface ISubmitValidator
{
    /// <summary>Accepts (<see cref="SubmitVerdict.Accept"/>) or refuses (<see cref="SubmitVerdict.Reject"/>) the edit.</summary>
    SubmitVerdict Validate(SubmitValidationContext context);
}
