using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A submitted operation as it arrived (the JSON hub protocol and the HTTP API hand over a <see cref="JsonElement"/>,
/// MessagePack an <c>object[]</c>), parsed only once the submit passed the checks that need no operation: the document's
/// actor refuses a new submit too far behind (<see cref="TransformWork.CheckLeast"/>) before it is parsed (issue 10:
/// parsing stale 5,000-component operations was most of what refusing them cost).
/// </summary>
internal sealed class OperationInput(object? raw, OperationLimits limits)
{
    /// <summary>
    /// The limits are checked while parsing, so an oversized operation is refused at its first component past them.
    /// Throws <see cref="CollabException"/> (<c>limit_exceeded</c> or <c>malformed_operation</c>).
    /// </summary>
    public TextOperation Parse()
    {
        try
        {
            return raw switch
            {
                JsonElement element => TextOperation.FromJson(element, limits),
                object?[] components => TextOperation.FromValues(components, limits),
                _ => throw new OperationException(OperationErrorKind.MalformedJson, $"Malformed operation: expected an array, found {raw?.GetType().Name ?? "null"}."),
            };
        }
        catch (OperationException ex) when (ex.Kind == OperationErrorKind.LimitExceeded)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, ex.Message, ex);
        }
        catch (OperationException ex)
        {
            throw new CollabException(ErrorCodes.MalformedOperation, ex.Message, ex);
        }
    }
}
