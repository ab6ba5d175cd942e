using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Access;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Documents;

/// <summary>
/// What the hub and the HTTP API do with documents: validate the request, check the caller's role,
/// then hand the work to the document's actor. Transport-neutral, so both front doors behave alike.
/// </summary>
internal sealed class DocumentService(
    DocumentActorManager actors,
    IDocumentOwners owners,
    IDocumentStore store,
    IDocumentAccess access,
    IDocumentBroadcaster broadcaster,
    StrangerRefusals refusals,
    IOptions<DocumentOptions> options,
    IOptions<LimitsOptions> limits)
{
    private readonly DocumentOptions _options = options.Value;
    private readonly LimitsOptions _limits = limits.Value;

    public async Task<JoinResult> JoinAsync(Caller caller, string connectionId, string documentId, int? knownRevision)
    {
        DocumentIds.Check(documentId);
        var role = await RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
        if (!actors.Subscriptions.Add(documentId, connectionId, caller.UserId, _limits.MaxDocumentsPerConnection))
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"A connection may join at most {_limits.MaxDocumentsPerConnection} documents at once.");
        }

        actors.Subscriptions.SetRole(documentId, connectionId, role);

        try
        {
            // Subscribe before reading the state, so no operation committed in between is missed.
            await broadcaster.SubscribeAsync(connectionId, documentId).ConfigureAwait(false);
            var state = await owners.JoinAsync(documentId, new JoinCommand(connectionId, caller.UserId, caller.Name, caller.Color, knownRevision)).ConfigureAwait(false);
            var presence = new List<PresenceMessage>(state.Presence.Count);
            foreach (var entry in state.Presence)
            {
                if (entry.SessionId != connectionId)
                {
                    presence.Add(ToMessage(documentId, state.Revision, entry));
                }
            }

            var operations = state.Operations?.Select(o => ToMessage(documentId, o)).ToList();
            return new JoinResult(documentId, state.Revision, state.Text, operations, presence, role.ToString().ToLowerInvariant(), connectionId);
        }
        catch
        {
            actors.Subscriptions.Remove(documentId, connectionId);
            await broadcaster.UnsubscribeAsync(connectionId, documentId).ConfigureAwait(false);
            throw;
        }
    }

    public async Task LeaveAsync(string connectionId, string documentId)
    {
        DocumentIds.Check(documentId);
        if (actors.Subscriptions.Remove(documentId, connectionId))
        {
            await broadcaster.UnsubscribeAsync(connectionId, documentId).ConfigureAwait(false);
            await owners.RemovePresenceAsync(documentId, connectionId).ConfigureAwait(false);
        }
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        foreach (string documentId in actors.Subscriptions.RemoveConnection(connectionId))
        {
            await owners.RemovePresenceAsync(documentId, connectionId).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="checkedRole"/>: the caller's role as read from the store moments before within the same hub call (<c>Security/CallRole</c>), if it was.</summary>
    public async Task<SubmitResult> SubmitAsync(Caller caller, string? connectionId, string documentId, int baseRevision, object? operation, string clientId, int seq, DocumentRole? checkedRole = null)
    {
        DocumentIds.Check(documentId);
        DocumentIds.Check(clientId, "client id");
        if (baseRevision < 0)
        {
            throw CollabException.Invalid($"The base revision must not be negative, got {baseRevision}.");
        }

        if (seq < 1)
        {
            throw CollabException.Invalid($"The seq must be at least 1, got {seq}.");
        }

        // The role first: refusing a stranger (remembered, StrangerRefusals) is cheaper than parsing what it sent.
        await RequireAsync(caller, documentId, DocumentRole.Editor, connectionId, checkedRole).ConfigureAwait(false);
        // Parsed by the document's owner once the checks that need no operation passed (a stale submit is refused unparsed).
        var input = new OperationInput(operation, new OperationLimits(_limits.MaxComponents, _limits.MaxOperationLength));
        return await owners.SubmitAsync(documentId, new UnparsedSubmit(baseRevision, input, clientId, seq, caller.UserId, connectionId)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OperationMessage>> GetOperationsAsync(Caller caller, string documentId, int fromRevision, int? toRevision)
    {
        DocumentIds.Check(documentId);
        if (fromRevision < 0 || toRevision < fromRevision)
        {
            throw CollabException.Invalid($"The revision range ({fromRevision}, {toRevision}] is not valid.");
        }

        await RequireAsync(caller, documentId, DocumentRole.Viewer).ConfigureAwait(false);
        var operations = await owners.GetOperationsAsync(documentId, fromRevision, toRevision ?? int.MaxValue, _options.MaxOperationsPerFetch).ConfigureAwait(false);
        return operations.Select(o => ToMessage(documentId, o)).ToList();
    }

    public async Task UpdatePresenceAsync(Caller caller, string connectionId, string documentId, int revision, IReadOnlyList<RangeMessage>? ranges)
    {
        DocumentIds.Check(documentId);
        if (!actors.Subscriptions.IsJoined(documentId, connectionId))
        {
            throw CollabException.Invalid($"Join document '{documentId}' before publishing presence.");
        }

        await RequireAsync(caller, documentId, DocumentRole.Viewer, connectionId).ConfigureAwait(false);

        if (ranges is null || revision < 0)
        {
            throw CollabException.Invalid("Presence needs a revision and an array of ranges.");
        }

        if (ranges.Count > _limits.MaxPresenceRanges)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"A selection may have at most {_limits.MaxPresenceRanges} ranges, got {ranges.Count}.");
        }

        var selection = new SelectionRange[ranges.Count];
        for (int i = 0; i < selection.Length; i++)
        {
            var range = ranges[i] ?? throw CollabException.Invalid($"Range {i} is null.");
            selection[i] = new SelectionRange(range.Anchor, range.Head);
        }

        await owners.UpdatePresenceAsync(documentId, new PresenceCommand(connectionId, caller.UserId, caller.Name, caller.Color, revision, selection)).ConfigureAwait(false);
    }

    /// <summary>
    /// The caller's role, or <c>forbidden</c>/<c>document_not_found</c>. With the id of a joined connection the
    /// role cached at join (kept current by revocation) is used, so the hot path does not query the store; a recent
    /// refusal for lack of any role is remembered (<see cref="StrangerRefusals"/>), so repeating it queries nothing either.
    /// A <paramref name="checkedRole"/> read from the store earlier in the same call is used as it is.
    /// </summary>
    public async Task<DocumentRole> RequireAsync(Caller caller, string documentId, DocumentRole needed, string? connectionId = null, DocumentRole? checkedRole = null)
    {
        DocumentRole role;
        if (checkedRole is { } known)
        {
            role = known;
        }
        else if (connectionId is null || !actors.Subscriptions.TryGetRole(documentId, connectionId, out role))
        {
            if (refusals.IsRefused(documentId, caller.UserId))
            {
                throw NoAccess(documentId);
            }

            role = await access.GetRoleAsync(caller, documentId).ConfigureAwait(false);
        }

        if (role == DocumentRole.None)
        {
            // Existence is not revealed to someone without access.
            if (await store.GetAsync(documentId).ConfigureAwait(false) is null)
            {
                throw CollabException.NotFound(documentId);
            }

            refusals.Remember(documentId, caller.UserId);
            throw NoAccess(documentId);
        }

        if (role < needed)
        {
            throw new CollabException(ErrorCodes.Forbidden, $"Your role on document '{documentId}' is {role.ToString().ToLowerInvariant()}; this needs {needed.ToString().ToLowerInvariant()}.");
        }

        return role;
    }

    /// <summary>A role of <paramref name="userId"/> changed through this node: a remembered refusal no longer holds.</summary>
    public void RoleChanged(string documentId, string userId) => refusals.Forget(documentId, userId);

    private static CollabException NoAccess(string documentId) =>
        new(ErrorCodes.Forbidden, $"You have no access to document '{documentId}'.");

    internal static OperationMessage ToMessage(string documentId, StoredOperation operation) =>
        new(documentId, operation.Revision, operation.Operation, operation.ClientId, operation.Seq, operation.UserId, operation.Timestamp);

    private static PresenceMessage ToMessage(string documentId, int revision, PresenceSnapshot entry) =>
        new(documentId, entry.SessionId, entry.UserId, entry.Name, entry.Color, revision, entry.Ranges.Select(r => new RangeMessage(r.Anchor, r.Head)).ToList());
}
