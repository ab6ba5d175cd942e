namespace CollabDocs.Ot;

/// <summary>Reads a number that a decoder (MessagePack's, for one) boxed as whichever integer type fits it best.</summary>
public static class BoxedInteger
{
    /// <summary>True when <paramref name="value"/> is a boxed integer of any width whose value fits an <see cref="int"/>.</summary>
    public static bool TryGetInt32(object? value, out int result)
    {
        long? number = value switch
        {
            int i => i,
            long l => l,
            short s => s,
            sbyte b => b,
            byte b => b,
            ushort u => u,
            uint u => u,
            ulong u when u <= int.MaxValue => (long)u,
            _ => null,
        };
        bool fits = number is >= int.MinValue and <= int.MaxValue;
        result = fits ? (int)number!.Value : 0;
        return fits;
    }
}
