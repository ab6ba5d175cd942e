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
    private static readonly object CheckedKey = new();

    /// <summary>
    /// The role this gate read from the store for the call in progress on <paramref name="context"/>'s connection, if it
    /// was for <paramref name="documentId"/>: a <c>Submit</c> from a connection that has not joined the document then
    /// queries the store once, not twice (issue 10). Taken once; <see cref="Forget"/> clears it when the call ends.
    /// </summary>
    public static DocumentRole? TakeCheckedRole(HubCallerContext context, string documentId)
    {
        if (context.Items.Remove(CheckedKey, out var value) && value is CheckedRole checkedRole && checkedRole.DocumentId == documentId)
        {
            return checkedRole.Role;
        }

        return null;
    }

    /// <summary>Drops the role read for the call that ends (<see cref="RateLimitFilter"/>), so no later call sees it.</summary>
    public static void Forget(HubCallerContext context) => context.Items.Remove(CheckedKey);

    public async ValueTask<bool> MaySpendAsync(HubCallerContext context, string method, string documentId)
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

        context.Items[CheckedKey] = new CheckedRole(documentId, role);
        return role >= Needed(method);
    }

    private static DocumentRole Needed(string method) => method == HubMethods.Submit ? DocumentRole.Editor : DocumentRole.Viewer;

    private sealed record CheckedRole(string DocumentId, DocumentRole Role);
}
