using CollabDocs.Ot.Authorship;
using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage.Lifecycle;

/// <summary>
/// Where a maintenance pass starts replaying to write new snapshots: the snapshot at the given revision, or, when
/// that one has no authorship (written before it was kept, or on the commit path), the latest older one that has
/// it, or revision 0 (its author is the document's creator), so new snapshots carry authorship whenever the
/// retained log allows. <see cref="Authorship"/> is null when nothing retained does.
/// </summary>
internal sealed record SnapshotOrigin(int Revision, string Text, AuthorshipMap? Authorship)
{
    public static async Task<SnapshotOrigin?> FindAsync(CollabDocsDbContext context, string documentId, int from, CancellationToken cancellationToken)
    {
        var snapshots = context.Snapshots.AsNoTracking().Where(s => s.DocumentId == documentId);
        var start = await snapshots.Where(s => s.Revision == from)
            .Select(s => new { s.Revision, s.Text, s.Authorship }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (start is null)
        {
            return null;
        }

        if (start.Authorship is null && from > 0)
        {
            start = await snapshots.Where(s => s.Revision < from && (s.Authorship != null || s.Revision == 0))
                .OrderByDescending(s => s.Revision)
                .Select(s => new { s.Revision, s.Text, s.Authorship }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? start;
        }

        if (start.Authorship is not null && Read(start.Authorship) is { } map)
        {
            return new SnapshotOrigin(start.Revision, start.Text, map);
        }

        if (start.Revision == 0)
        {
            var creator = await context.Documents.AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new { d.CreatedBy, d.CreatedAt }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return creator is null ? null : new SnapshotOrigin(0, start.Text, new AuthorshipMap(start.Text.Length, creator.CreatedBy, 0, creator.CreatedAt));
        }

        return new SnapshotOrigin(start.Revision, start.Text, null);
    }

    // Unreadable authorship is treated as missing: the text is still right, and a pass must not fail on it forever.
    private static AuthorshipMap? Read(byte[] bytes)
    {
        try
        {
            return AuthorshipMap.FromBytes(bytes);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
