namespace CollabDocs.Ot;

/// <summary>Counts an operation's components and changed characters as it is parsed, against <see cref="OperationLimits"/>.</summary>
internal struct LimitCounter(OperationLimits limits)
{
    private long _changed;

    public readonly void Component(int index)
    {
        if (index >= limits.MaxComponents)
        {
            throw new OperationException(OperationErrorKind.LimitExceeded, $"An operation may have at most {limits.MaxComponents} components; component {index} is one too many.");
        }
    }

    /// <summary>A retain (positive) or delete (negative) count; a delete's characters count as changed.</summary>
    public void Count(int index, int count)
    {
        if (count < 0)
        {
            Inserted(index, count == int.MinValue ? int.MaxValue : -count);
        }
    }

    public void Inserted(int index, int length)
    {
        _changed += length;
        if (_changed > limits.MaxChangedLength)
        {
            throw new OperationException(OperationErrorKind.LimitExceeded, $"An operation may insert and delete at most {limits.MaxChangedLength} characters; component {index} goes past it.");
        }
    }
}
