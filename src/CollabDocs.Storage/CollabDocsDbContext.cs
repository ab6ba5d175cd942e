using System.Data.Common;
using CollabDocs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage;

/// <summary>
/// The schema, shared by every provider. Each provider derives its own context so that it has its
/// own migrations (SQLite's and PostgreSQL's differ in column types).
/// </summary>
internal abstract class CollabDocsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DocumentEntity> Documents => Set<DocumentEntity>();

    public DbSet<OperationEntity> Operations => Set<OperationEntity>();

    public DbSet<SnapshotEntity> Snapshots => Set<SnapshotEntity>();

    public DbSet<SubmissionEntity> Submissions => Set<SubmissionEntity>();

    public DbSet<DocumentMemberEntity> Members => Set<DocumentMemberEntity>();

    public DbSet<TokenRevocationEntity> TokenRevocations => Set<TokenRevocationEntity>();

    /// <summary>True when <paramref name="exception"/> is a unique-key or foreign-key violation: another writer got there first.</summary>
    public abstract bool IsConstraintViolation(DbException exception);

    /// <summary>The turns this process's writers take on the database (<see cref="Storage.WriteGate"/>); none for a database that locks rows.</summary>
    public virtual WriteGate WriteGate => WriteGate.None;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DocumentEntity>(document =>
        {
            document.ToTable("Documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Id).HasMaxLength(64);
            document.Property(d => d.CreatedBy).HasMaxLength(256);
            document.Property(d => d.Title).HasMaxLength(DocumentTitles.MaxLength);
            document.HasIndex(d => d.UpdatedAt);
        });

        modelBuilder.Entity<OperationEntity>(operation =>
        {
            operation.ToTable("Operations");
            operation.HasKey(o => new { o.DocumentId, o.Revision });
            operation.Property(o => o.ClientId).HasMaxLength(64);
            operation.Property(o => o.UserId).HasMaxLength(256);
            operation.HasOne<DocumentEntity>().WithMany().HasForeignKey(o => o.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SnapshotEntity>(snapshot =>
        {
            snapshot.ToTable("Snapshots");
            snapshot.HasKey(s => new { s.DocumentId, s.Revision });
            snapshot.HasOne<DocumentEntity>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SubmissionEntity>(submission =>
        {
            submission.ToTable("Submissions");
            submission.HasKey(s => new { s.DocumentId, s.ClientId, s.Seq });

            // The retention deletes by revision (StoreMaintenance): without it every pass read all of a long document's
            // records, while every writer of the database waited for its turn.
            submission.HasIndex(s => new { s.DocumentId, s.Revision });
            submission.Property(s => s.ClientId).HasMaxLength(64);
            submission.HasOne<DocumentEntity>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentMemberEntity>(member =>
        {
            member.ToTable("DocumentMembers");
            member.HasKey(m => new { m.DocumentId, m.UserId });
            member.Property(m => m.UserId).HasMaxLength(256);
            member.Property(m => m.Role).HasConversion<int>();
            member.Property(m => m.GrantedBy).HasMaxLength(256);
            member.HasIndex(m => m.UserId);
            member.HasOne<DocumentEntity>().WithMany().HasForeignKey(m => m.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TokenRevocationEntity>(revocation =>
        {
            revocation.ToTable("TokenRevocations");
            revocation.HasKey(r => r.UserId);
            revocation.Property(r => r.UserId).HasMaxLength(256);
            revocation.HasIndex(r => r.RevokedBefore);
        });
    }
}
