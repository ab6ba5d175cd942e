using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The approximate memory an operation holds, for byte budgets: two bytes per inserted UTF-16 code unit
/// plus 16 bytes per component (issue 10). Approximate on purpose: cheap, and proportional to the real cost.
/// </summary>
internal static class OperationSize
{
    public const int PerComponent = 16;

    public static long Of(TextOperation operation)
    {
        long bytes = (long)operation.Components.Length * PerComponent;
        foreach (var component in operation.Components)
        {
            if (component.IsInsert)
            {
                bytes += 2L * component.Length;
            }
        }

        return bytes;
    }
}
