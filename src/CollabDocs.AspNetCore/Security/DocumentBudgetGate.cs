using CollabDocs.Protocol;
using CollabDocs.Server.Access;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Security;

/// <summary>
/// Whether a call may spend a document's shared rate budget: only when the caller's role allows it
/// (editor for <c>Submit</c>; a joined viewer for <c>UpdatePresence</c>). A stranger's calls are refused
/// later by <see cref="DocumentService"/> and cost only the stranger's own connection budget.
/// </summary>
internal sealed class DocumentBudgetGate(DocumentActorManager actors, IDocumentAccess access, StrangerRefusals refusals)
{
    /// <summary>A role read from the store is kept in <paramref name="callRole"/> for the rest of the call.</summary>
    public async ValueTask<bool> MaySpendAsync(HubCallerContext context, CallRole callRole, string method, string documentId)
    {
        if (actors.Subscriptions.TryGetRole(documentId, context.ConnectionId, out var role))
        {
            return role >= Needed(method);
        }

        var caller = Caller.From(context.User, context.ConnectionId);
        if (method != HubMethods.Submit || refusals.IsRefused(documentId, caller.UserId))
        {
            // Presence needs a joined connection, and a remembered stranger has no role: DocumentService refuses both.
            return false;
        }

        try
        {
            // Reached only after the connection's own budget allowed the call, so strangers cannot flood the store.
            role = await access.GetRoleAsync(caller, documentId, context.ConnectionAborted).ConfigureAwait(false);
        }
        catch (CollabException)
        {
            return false;
        }

        callRole.Remember(documentId, role);
        return role >= Needed(method);
    }

    private static DocumentRole Needed(string method) => method == HubMethods.Submit ? DocumentRole.Editor : DocumentRole.Viewer;
}
