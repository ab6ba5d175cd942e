namespace CollabDocs.Ot;

/// <summary>
/// The ot.js form as already decoded values (a MessagePack array arrives as boxed integers and strings), read with
/// the same checks and limits as the JSON form.
/// </summary>
public sealed partial class TextOperation
{
    /// <summary>Reads an operation from decoded components, stopping at the first component past <paramref name="limits"/>.</summary>
    /// <exception cref="OperationException">A component that is not a non-zero 32-bit integer or a non-empty string, or an invalid operation.</exception>
    public static TextOperation FromValues(IReadOnlyList<object?> components, OperationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(components);
        var builder = new TextOperationBuilder(Math.Min(components.Count, Math.Min(limits.MaxComponents, 1024)));
        var budget = new LimitCounter(limits);
        for (int index = 0; index < components.Count; index++)
        {
            budget.Component(index);
            switch (components[index])
            {
                case string text:
                    budget.Inserted(index, text.Length);
                    AddInsert(builder, text, index);
                    break;
                case var value when BoxedInteger.TryGetInt32(value, out int count):
                    budget.Count(index, count);
                    AddCount(builder, count, index);
                    break;
                case var value:
                    throw Malformed($"component {index} is {value?.GetType().Name ?? "null"}; expected an integer in the 32-bit range or a string");
            }
        }

        return builder.Build();
    }
}
