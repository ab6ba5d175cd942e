using CollabDocs.Server.Access;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>The store's <see cref="IDocumentAccess"/>, counting the role queries made for each user.</summary>
internal sealed class CountingAccess(IDocumentStore store) : IDocumentAccess
{
    private readonly StoreDocumentAccess _inner = new(store);
    private readonly Dictionary<string, int> _queries = new(StringComparer.Ordinal);

    public int QueriesFor(string userId)
    {
        lock (_queries)
        {
            return _queries.GetValueOrDefault(userId);
        }
    }

    public Task<DocumentRole> GetRoleAsync(Caller caller, string documentId, CancellationToken cancellationToken = default)
    {
        lock (_queries)
        {
            _queries[caller.UserId] = _queries.GetValueOrDefault(caller.UserId) + 1;
        }

        return _inner.GetRoleAsync(caller, documentId, cancellationToken);
    }

    public bool CanCreate(Caller caller) => _inner.CanCreate(caller);
}
