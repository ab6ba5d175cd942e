using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>The lag checks that run before a submit's operation is parsed (<see cref="OperationInput"/>).</summary>
internal sealed partial class SubmitProcessor
{
    /// <summary>
    /// A new submit (not a resend of a committed seq, which is always answered) that is too far behind by revisions, or by
    /// transform work whatever its operation, is refused as <see cref="Prepare"/> would, but before its operation is parsed.
    /// </summary>
    private void RefuseStaleUnparsed(SubmitWork work, SubmitInputs inputs)
    {
        int head = Head;
        if (work.BaseRevision > head || (inputs.Latest is { } latest && work.Seq <= latest.Seq))
        {
            return;
        }

        if (head - work.BaseRevision > limits.MaxRevisionLag)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Base revision {work.BaseRevision} is {head - work.BaseRevision} revisions behind; at most {limits.MaxRevisionLag} are accepted. Rejoin the document.");
        }

        TransformWork.CheckLeast(work.BaseRevision, inputs.Committed, _tentative, Math.Max(0, work.BaseRevision - _revision), limits);
    }
}
