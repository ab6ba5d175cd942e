using CollabDocs.Server.Hooks;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>The host's veto: no edit may insert <see cref="Word"/>. Counts what it saw, to show it ran.</summary>
internal sealed class ForbiddenWordValidator : ISubmitValidator
{
    public const string Word = "forbidden";
    public const string Code = "forbidden_edit";

    private int _validated;

    public int Validated => Volatile.Read(ref _validated);

    public SubmitVerdict Validate(SubmitValidationContext context)
    {
        Interlocked.Increment(ref _validated);
        foreach (string inserted in context.InsertedTexts())
        {
            if (inserted.Contains(Word, StringComparison.OrdinalIgnoreCase))
            {
                return SubmitVerdict.Reject($"'{Word}' may not be written in {context.DocumentId}.", Code);
            }
        }

        return SubmitVerdict.Accept;
    }
}
