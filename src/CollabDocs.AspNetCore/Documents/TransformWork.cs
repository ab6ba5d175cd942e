using CollabDocs.Ot;
using CollabDocs.Protocol;
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
        if (Exceeds(command, committed, tentative, firstTentative, limits, out int concurrent, out long work))
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Base revision {command.BaseRevision} is {concurrent} operations ({work} components of transform work) behind; at most {limits.MaxTransformWork} are accepted. Rejoin the document.");
        }
    }

    /// <summary>Whether transforming <paramref name="command"/> to the head needs more than <see cref="LimitsOptions.MaxTransformWork"/>.</summary>
    public static bool Exceeds(SubmitCommand command, IReadOnlyList<StoredOperation> committed, IReadOnlyList<TentativeSubmit> tentative, int firstTentative, LimitsOptions limits, out int concurrent, out long work) =>
        Exceeds(command.Operation.Components.Length, committed, tentative, firstTentative, limits, out concurrent, out work);

    /// <summary>
    /// Refuses, before it is parsed, a submit that would be over <see cref="LimitsOptions.MaxTransformWork"/> even if its
    /// operation had a single component (the concurrent operations' components alone are too many).
    /// </summary>
    public static void CheckLeast(int baseRevision, IReadOnlyList<StoredOperation> committed, IReadOnlyList<TentativeSubmit> tentative, int firstTentative, LimitsOptions limits)
    {
        if (Exceeds(1, committed, tentative, firstTentative, limits, out int concurrent, out long work))
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Base revision {baseRevision} is {concurrent} operations (at least {work} components of transform work) behind; at most {limits.MaxTransformWork} are accepted. Rejoin the document.");
        }
    }

    private static bool Exceeds(int components, IReadOnlyList<StoredOperation> committed, IReadOnlyList<TentativeSubmit> tentative, int firstTentative, LimitsOptions limits, out int concurrent, out long work)
    {
        concurrent = committed.Count + Math.Max(0, tentative.Count - firstTentative);
        work = (long)concurrent * components;
        foreach (var operation in committed)
        {
            work += operation.Operation.Components.Length;
        }

        for (int i = firstTentative; i < tentative.Count; i++)
        {
            work += tentative[i].Operation.Components.Length;
        }

        return work > limits.MaxTransformWork;
    }

    /// <summary>
    /// A resent seq too far behind its committed revision to check against the log (more than
    /// <see cref="LimitsOptions.MaxRevisionLag"/> operations in between): nothing is loaded for it.
    /// </summary>
    public static bool ResendTooFarToCheck(int baseRevision, int committedRevision, LimitsOptions limits) =>
        committedRevision - 1 - baseRevision > limits.MaxRevisionLag;
}
