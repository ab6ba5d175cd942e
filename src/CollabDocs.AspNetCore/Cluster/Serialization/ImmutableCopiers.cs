using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Storage;
using Orleans.Serialization.Cloning;

namespace CollabDocs.Server.Cluster.Serialization;

/// <summary>
/// <see cref="TextOperation"/>, <see cref="SelectionRange"/>, <see cref="StoredOperation"/> and <see cref="SubmitResult"/> are immutable: a
/// grain call within one silo passes them as they are instead of copying them through their surrogates.
/// </summary>
[RegisterCopier]
internal sealed class ImmutableCopiers : IDeepCopier<TextOperation>, IDeepCopier<SelectionRange>, IDeepCopier<StoredOperation>, IDeepCopier<SubmitResult>, IOptionalDeepCopier
{
    public TextOperation? DeepCopy(TextOperation? input, CopyContext context) => input;

    public SelectionRange DeepCopy(SelectionRange input, CopyContext context) => input;

    public StoredOperation? DeepCopy(StoredOperation? input, CopyContext context) => input;

    public SubmitResult? DeepCopy(SubmitResult? input, CopyContext context) => input;

    public object? DeepCopy(object? input, CopyContext context) => input;

    public bool IsShallowCopyable() => true;
}
