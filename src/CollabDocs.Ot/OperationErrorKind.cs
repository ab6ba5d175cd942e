namespace CollabDocs.Ot;

/// <summary>What is wrong with a rejected operation; stable, so servers can map it to wire error codes.</summary>
public enum OperationErrorKind
{
    /// <summary>A component is not a positive retain, a non-empty insert or a negative delete.</summary>
    MalformedComponent,

    /// <summary>The wire form is not a JSON array of integers and strings.</summary>
    MalformedJson,

    /// <summary>The operation's base length is not the length of the text or operation it meets.</summary>
    LengthMismatch,

    /// <summary>A component boundary falls between the two halves of a surrogate pair.</summary>
    SplitsSurrogatePair,

    /// <summary>Inserted text contains a high or low surrogate without its partner.</summary>
    LoneSurrogate,

    /// <summary>Lengths add up beyond <see cref="int.MaxValue"/>.</summary>
    TooLong,

    /// <summary>More components or changed characters than the caller's <see cref="OperationLimits"/> allow.</summary>
    LimitExceeded,
}
