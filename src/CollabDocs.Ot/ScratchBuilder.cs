namespace CollabDocs.Ot;

/// <summary>
/// Lends a thread's cached <see cref="TextOperationBuilder"/> to an algorithm that builds intermediate
/// results (Compose, Transform), so the hot path allocates only the finished operations. A rented
/// builder leaves its slot empty until returned, so a call that throws simply loses it.
/// </summary>
internal static class ScratchBuilder
{
    // A builder that grew past this is dropped on return rather than kept alive on the thread.
    private const int MaxKeptCapacity = 256;

    public static TextOperationBuilder Rent(ref TextOperationBuilder? slot)
    {
        var builder = slot ?? new TextOperationBuilder(16);
        slot = null;
        return builder;
    }

    public static void Return(ref TextOperationBuilder? slot, TextOperationBuilder builder)
    {
        builder.Clear();
        if (builder.Capacity <= MaxKeptCapacity)
        {
            slot = builder;
        }
    }
}
