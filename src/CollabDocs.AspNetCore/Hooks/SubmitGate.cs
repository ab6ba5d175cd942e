using CollabDocs.Ot;
using CollabDocs.Server.Documents;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Hooks;

/// <summary>Asks the <see cref="ISubmitValidator"/>s about one document's edits, on the document's loop.</summary>
internal sealed partial class SubmitGate(string documentId, IReadOnlyList<ISubmitValidator> validators, ILogger logger)
{
    /// <summary>Throws <see cref="CollabException"/> with the verdict's code when a validator refuses the edit.</summary>
    public void Check(SubmitCommand command, int revision, TextOperation operation, TextDocument text)
    {
        var context = new SubmitValidationContext(documentId, command.UserId, command.ClientId, command.Seq, revision, operation, text);
        foreach (var validator in validators)
        {
            SubmitVerdict verdict;
            try
            {
                verdict = validator.Validate(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ValidatorFailed(logger, validator.GetType().Name, documentId, ex);
                throw new CollabException(SubmitVerdict.RejectedCode, "The edit could not be validated; nothing was changed.");
            }

            if (!verdict.IsAccepted)
            {
                throw new CollabException(verdict.Code!, verdict.Message!);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Submit validator {Validator} failed on document {DocumentId}; the edit was refused.", EventName = "SubmitValidatorFailed")]
    private static partial void ValidatorFailed(ILogger logger, string validator, string documentId, Exception exception);
}
