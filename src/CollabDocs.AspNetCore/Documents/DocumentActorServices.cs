using CollabDocs.Server.Hooks;
using CollabDocs.Server.Observability;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>
/// What every <see cref="DocumentActor"/> of a node shares; <see cref="Stopping"/> ends with the host. Each actor counts
/// its size in <see cref="Resident"/>, when given.
/// </summary>
internal sealed record DocumentActorServices(
    IDocumentStore Store,
    IDocumentBroadcaster Broadcaster,
    DocumentOptions Options,
    LimitsOptions Limits,
    TimeProvider Time,
    ILogger Logger,
    CollabDocsMetrics? Metrics,
    CancellationToken Stopping,
    IReadOnlyList<ISubmitValidator>? Validators = null,
    ResidentMemory? Resident = null);
