using System.Runtime.InteropServices;
using System.Text.Json;

namespace CollabDocs.Server.Security;

/// <summary>
/// What a <c>Submit</c> spends of the work budgets (<see cref="RateLimitOptions.ConnectionSubmitWork"/>), read from the
/// operation as it arrived, before it is parsed: one per component, plus each insert's string length (in UTF-8 bytes as
/// sent for JSON, so never less than its UTF-16 length) and each delete's count. One pass over the top-level array,
/// no allocation; whatever is not an array costs 1 (the parser refuses it).
/// </summary>
internal static class OperationCost
{
    public static long Of(object? operation) => operation switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => OfJson(array),
        object?[] components => OfValues(components),
        _ => 1,
    };

    private static long OfJson(JsonElement array)
    {
        long cost = 0;
        foreach (var component in array.EnumerateArray())
        {
            cost += 1 + component.ValueKind switch
            {
                // The raw token includes its two quotes.
                JsonValueKind.String => Math.Max(0, JsonMarshal.GetRawUtf8Value(component).Length - 2),
                JsonValueKind.Number when component.TryGetInt64(out long count) && count < 0 => Deleted(count),
                _ => 0,
            };
        }

        return cost;
    }

    private static long OfValues(object?[] components)
    {
        long cost = 0;
        foreach (object? component in components)
        {
            cost += 1 + component switch
            {
                string text => text.Length,
                long count when count < 0 => Deleted(count),
                int count when count < 0 => Deleted(count),
                short count when count < 0 => Deleted(count),
                sbyte count when count < 0 => Deleted(count),
                _ => 0,
            };
        }

        return cost;
    }

    // Anything beyond 32 bits is refused by the parser; counting it as that much keeps the sum from overflowing.
    private static long Deleted(long count) => Math.Min(-count, int.MaxValue);
}
