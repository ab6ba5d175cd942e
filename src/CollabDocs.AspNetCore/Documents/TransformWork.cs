using CollabDocs.Ot;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The lag of a submit measured in work (issue 10): transforming through n concurrent operations reads
/// each of their components once and the incoming operation's components once per concurrent operation.
/// A submit over <see cref="LimitsOptions.MaxTransformWork"/> is refused with <c>revision_too_old</c>
/// before any transform runs, so a few large stale operations cannot buy seconds of CPU.
/// </summary>
internal static class TransformWork
{
    public static void Check(SubmitCommand command, IReadOnlyList<StoredOperation> committed, IReadOnlyList<TentativeSubmit> tentative, int firstTentative, LimitsOptions limits)
    {
        int concurrent = committed.Count + Math.Max(0, tentative.Count - firstTentative);
        long work = (long)concurrent * command.Operation.Components.Length;
        foreach (var operation in committed)
        {
            work += operation.Operation.Components.Length;
        }

        for (int i = firstTentative; i < tentative.Count; i++)
        {
            work += tentative[i].Operation.Components.Length;
        }

        if (work > limits.MaxTransformWork)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Base revision {command.BaseRevision} is {concurrent} operations ({work} components of transform work) behind; at most {limits.MaxTransformWork} are accepted. Rejoin the document.");
        }
    }

    /// <summary>The revision lag of a resent seq: the operations between its base and its committed revision.</summary>
    public static void CheckResend(SubmitCommand command, int committedRevision, LimitsOptions limits)
    {
        int lag = committedRevision - 1 - command.BaseRevision;
        if (lag > limits.MaxRevisionLag)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Seq {command.Seq} of client '{command.ClientId}' was committed {lag} revisions after its base revision {command.BaseRevision}; at most {limits.MaxRevisionLag} are accepted. Rejoin the document.");
        }
    }
}
