using System.Data.Common;
using CollabDocs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage;

/// <summary>Token revocation stamps ("signed out everywhere"): one row per user, only ever moved later.</summary>
internal sealed partial class EfDocumentStore<TContext>
{
    public async Task<DateTimeOffset> RevokeTokensAsync(string userId, DateTimeOffset revokedBefore, CancellationToken cancellationToken = default)
    {
        long stamp = revokedBefore.ToUnixTimeMilliseconds();
        for (int attempt = 0; ; attempt++)
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
            int updated = await context.TokenRevocations
                .Where(r => r.UserId == userId && r.RevokedBefore < stamp)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.RevokedBefore, stamp), cancellationToken).ConfigureAwait(false);
            bool exists = updated > 0 || await context.TokenRevocations.AnyAsync(r => r.UserId == userId, cancellationToken).ConfigureAwait(false);
            if (updated == 0 && exists && attempt == 0)
            {
                // The row may have been inserted by another request after our UPDATE looked: move it once more. From
                // the second attempt on the row existed before the UPDATE, so 0 rows means it is already as late.
                continue;
            }

            if (!exists)
            {
                context.TokenRevocations.Add(new TokenRevocationEntity { UserId = userId, RevokedBefore = stamp });
                try
                {
                    await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException ex) when (attempt == 0 && ex.InnerException is DbException db && context.IsConstraintViolation(db))
                {
                    // Another request inserted the user's row first: move it later instead.
                    continue;
                }
            }

            return await GetTokensRevokedBeforeAsync(userId, cancellationToken).ConfigureAwait(false) ?? revokedBefore;
        }
    }

    public async Task<IReadOnlyList<TokenRevocation>> GetTokenRevocationsAsync(DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        long stamp = after.ToUnixTimeMilliseconds();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.TokenRevocations.AsNoTracking()
            .Where(r => r.RevokedBefore > stamp)
            .OrderBy(r => r.UserId)
            .Select(r => new { r.UserId, r.RevokedBefore })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new TokenRevocation(r.UserId, DateTimeOffset.FromUnixTimeMilliseconds(r.RevokedBefore)))];
    }

    public async Task<DateTimeOffset?> GetTokensRevokedBeforeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        long? stamp = await context.TokenRevocations.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Select(r => (long?)r.RevokedBefore)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return stamp is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
