namespace CollabDocs.Ot;

/// <summary>The text an operation applies to, as far as inverting it needs: the deleted ranges.</summary>
internal interface IBaseText
{
    string Slice(int start, int count);
}
