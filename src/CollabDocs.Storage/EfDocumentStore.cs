using System.Data.Common;
using CollabDocs.Ot;
using CollabDocs.Ot.Authorship;
using CollabDocs.Storage.Entities;
using CollabDocs.Storage.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabDocs.Storage;

/// <summary>
/// <see cref="IDocumentStore"/> on EF Core. Reads go through LINQ; the commit, the hot path, is a few
/// hand-written statements in one transaction, prepared once on a small pool of long-lived connections
/// (<see cref="CommitConnectionPool{TContext}"/>; no change tracking, no context per commit). Snapshots,
/// pruning and compaction happen after commits, never in them (<see cref="StoreMaintenance{TContext}"/>).
/// </summary>
internal sealed partial class EfDocumentStore<TContext>(
    IDbContextFactory<TContext> contextFactory, TimeProvider timeProvider, StoreMaintenance<TContext> maintenance, IOptions<StorageOptions> options)
    : IDocumentStore, IAsyncDisposable, IDisposable
    where TContext : CollabDocsDbContext
{
    private readonly CommitConnectionPool<TContext> _committers = new(contextFactory, options.Value.CommitConnections);

    /// <summary>How many connections commits have opened (<see cref="StorageOptions.CommitConnections"/>).</summary>
    internal long CommitConnectionsOpened => _committers.Opened;

    public async Task<bool> CreateAsync(string documentId, string text, string ownerId, CancellationToken cancellationToken = default)
    {
        long now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // An existing id is answered without a failed insert, which EF Core would log with its stack trace.
        if (await context.Documents.AsNoTracking().AnyAsync(d => d.Id == documentId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        context.Documents.Add(new DocumentEntity { Id = documentId, Revision = 0, Length = text.Length, CreatedBy = ownerId, CreatedAt = now, UpdatedAt = now });
        var authorship = new AuthorshipMap(text.Length, ownerId, 0, now).ToBytes();
        context.Snapshots.Add(new SnapshotEntity { DocumentId = documentId, Revision = 0, Text = text, Timestamp = now, Authorship = authorship });
        context.Members.Add(new DocumentMemberEntity { DocumentId = documentId, UserId = ownerId, Role = DocumentRole.Owner });
        try
        {
            using var turn = await context.WriteGate.EnterAsync(text.Length, cancellationToken).ConfigureAwait(false);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is DbException db && context.IsConstraintViolation(db))
        {
            return false;
        }
    }

    public async Task<DocumentInfo?> GetAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Documents.AsNoTracking()
            .Where(d => d.Id == documentId)
            .Select(d => new DocumentInfo(d.Id, d.Revision, d.Length, d.CreatedBy, d.CreatedAt, d.UpdatedAt) { Title = d.Title })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListAsync(string? userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var documents = context.Documents.AsNoTracking();
        if (userId is not null)
        {
            documents = documents.Where(d => context.Members.Any(m => m.DocumentId == d.Id && m.UserId == userId));
        }

        return await documents
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id)
            .Take(limit)
            .Select(d => new DocumentInfo(d.Id, d.Revision, d.Length, d.CreatedBy, d.CreatedAt, d.UpdatedAt) { Title = d.Title })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Children first, explicitly: a real delete must not depend on the provider's cascade settings.
        await context.Operations.Where(o => o.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.Snapshots.Where(s => s.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.Submissions.Where(s => s.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.Members.Where(m => m.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        int deleted = await context.Documents.Where(d => d.Id == documentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    public async Task<DocumentSnapshot?> GetSnapshotAsync(string documentId, int revision, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Snapshots.AsNoTracking()
            .Where(s => s.DocumentId == documentId && s.Revision <= revision)
            .OrderByDescending(s => s.Revision)
            .Select(s => new DocumentSnapshot(s.Revision, s.Text))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuthorshipSnapshot?> GetAuthorshipSnapshotAsync(string documentId, int revision, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Snapshots.AsNoTracking()
            .Where(s => s.DocumentId == documentId && s.Revision <= revision && s.Authorship != null)
            .OrderByDescending(s => s.Revision)
            .Select(s => new AuthorshipSnapshot(s.Revision, s.Authorship!))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string documentId, int afterRevision, int toRevision, int limit, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Operations.AsNoTracking()
            .Where(o => o.DocumentId == documentId && o.Revision > afterRevision && o.Revision <= toRevision)
            .OrderBy(o => o.Revision)
            .Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (afterRevision < toRevision && (rows.Count == 0 || rows[0].Revision != afterRevision + 1))
        {
            // The floor is the oldest snapshot: compaction cuts the log only at a snapshot it keeps.
            int? floor = await context.Snapshots.AsNoTracking().Where(s => s.DocumentId == documentId)
                .MinAsync(s => (int?)s.Revision, cancellationToken).ConfigureAwait(false);
            if (afterRevision < floor)
            {
                throw new RevisionCompactedException(documentId, afterRevision, floor.Value);
            }
        }

        var operations = new List<StoredOperation>(rows.Count);
        foreach (var row in rows)
        {
            operations.Add(new StoredOperation(row.Revision, TextOperation.Parse(row.Operation), row.ClientId, row.Seq, row.UserId, row.Timestamp));
        }

        return operations;
    }

    public async Task<CommitOutcome> CommitAsync(CommitBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcome = await _committers.CommitAsync(batch, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        if (outcome == CommitOutcome.Committed)
        {
            maintenance.Committed(batch);
        }

        return outcome;
    }

    public async Task<SubmissionRecord?> FindSubmissionAsync(string documentId, string clientId, int seq, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Submissions.AsNoTracking()
            .Where(s => s.DocumentId == documentId && s.ClientId == clientId && s.Seq == seq)
            .Select(s => new SubmissionRecord(s.ClientId, s.Seq, s.Revision, s.OperationHash))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SubmissionRecord?> FindLatestSubmissionAsync(string documentId, string clientId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Submissions.AsNoTracking()
            .Where(s => s.DocumentId == documentId && s.ClientId == clientId)
            .OrderByDescending(s => s.Seq)
            .Select(s => new SubmissionRecord(s.ClientId, s.Seq, s.Revision, s.OperationHash))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DocumentRole> GetRoleAsync(string documentId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Members.AsNoTracking()
            .Where(m => m.DocumentId == documentId && m.UserId == userId)
            .Select(m => m.Role)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetRoleAsync(string documentId, string userId, DocumentRole role, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await context.Members.Where(m => m.DocumentId == documentId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (role != DocumentRole.None)
        {
            context.Members.Add(new DocumentMemberEntity { DocumentId = documentId, UserId = userId, Role = role });
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DocumentMember>> GetMembersAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Members.AsNoTracking()
            .Where(m => m.DocumentId == documentId)
            .OrderBy(m => m.UserId)
            .Select(m => new DocumentMember(m.UserId, m.Role) { GrantedBy = m.GrantedBy })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> SetTitleAsync(string documentId, string title, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        int updated = await context.Documents.Where(d => d.Id == documentId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Title, title), cancellationToken).ConfigureAwait(false);
        return updated > 0;
    }

    public async Task<IReadOnlyList<DocumentListing>> ListWithRolesAsync(string userId, bool? owned, int limit, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var members = context.Members.AsNoTracking().Where(m => m.UserId == userId);
        if (owned is bool mine)
        {
            members = mine ? members.Where(m => m.Role == DocumentRole.Owner) : members.Where(m => m.Role != DocumentRole.Owner);
        }

        var rows = await members
            .Join(context.Documents.AsNoTracking(), m => m.DocumentId, d => d.Id, (m, d) => new { d, m.Role })
            .OrderByDescending(x => x.d.UpdatedAt).ThenBy(x => x.d.Id)
            .Take(limit)
            .Select(x => new { x.d.Id, x.d.Revision, x.d.Length, x.d.CreatedBy, x.d.CreatedAt, x.d.UpdatedAt, x.d.Title, x.Role })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(r => new DocumentListing(new DocumentInfo(r.Id, r.Revision, r.Length, r.CreatedBy, r.CreatedAt, r.UpdatedAt) { Title = r.Title }, r.Role));
    }

    public async Task<DocumentRole> GrantThroughLinkAsync(string documentId, string userId, DocumentRole role, string linkId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await context.Members.FirstOrDefaultAsync(m => m.DocumentId == documentId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (current is not null && current.Role >= role)
        {
            return current.Role;
        }

        if (current is null)
        {
            context.Members.Add(new DocumentMemberEntity { DocumentId = documentId, UserId = userId, Role = role, GrantedBy = linkId });
        }
        else
        {
            current.Role = role;
            current.GrantedBy = linkId;
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return role;
    }

    public async Task<IReadOnlyList<string>> RevokeGrantedByAsync(string documentId, string linkId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var users = await context.Members.AsNoTracking()
            .Where(m => m.DocumentId == documentId && m.GrantedBy == linkId)
            .Select(m => m.UserId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        await context.Members.Where(m => m.DocumentId == documentId && m.GrantedBy == linkId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return users;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await context.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _committers.DisposeAsync();

    public void Dispose() => _committers.Dispose();
}
