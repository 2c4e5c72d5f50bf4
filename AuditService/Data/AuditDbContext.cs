using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioner.AuditService.Data;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public const string EntriesTable = "audit_entries";
    public const string ArchiveTable = "audit_archive";
    public const string HeadsTable = "audit_chain_heads";

    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    public DbSet<ArchivedAuditEntry> Archive => Set<ArchivedAuditEntry>();

    public DbSet<ChainHead> ChainHeads => Set<ChainHead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(AuditDbFunctions).GetMethod(nameof(AuditDbFunctions.PayloadText))!);

        var entries = modelBuilder.Entity<AuditEntry>();
        entries.ToTable(EntriesTable);
        MapRecord(entries);
        entries.HasIndex(e => new { e.AgencyId, e.OccurredAt });

        var archive = modelBuilder.Entity<ArchivedAuditEntry>();
        archive.ToTable(ArchiveTable);
        MapRecord(archive);
        archive.Property(e => e.ArchivedAt).HasColumnName("archived_at").HasDefaultValueSql("now()");

        var heads = modelBuilder.Entity<ChainHead>();
        heads.ToTable(HeadsTable);
        heads.HasKey(h => h.AgencyId);
        heads.Property(h => h.AgencyId).HasColumnName("agency_id");
        heads.Property(h => h.Sequence).HasColumnName("sequence");
        heads.Property(h => h.Hash).HasColumnName("hash").HasMaxLength(64).IsFixedLength();
    }

    private static void MapRecord<T>(EntityTypeBuilder<T> entity) where T : AuditRecord
    {
        entity.HasKey(e => e.MessageId);
        entity.Property(e => e.MessageId).HasColumnName("message_id").ValueGeneratedNever();
        entity.Property(e => e.AgencyId).HasColumnName("agency_id");
        entity.Property(e => e.Sequence).HasColumnName("sequence");
        entity.Property(e => e.MessageType).HasColumnName("message_type");
        entity.Property(e => e.JobId).HasColumnName("job_id");
        entity.Property(e => e.Actor).HasColumnName("actor");
        entity.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        entity.Property(e => e.ReceivedAt).HasColumnName("received_at");
        entity.Property(e => e.Payload).HasColumnName("payload").HasColumnType("jsonb");
        entity.Property(e => e.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64).IsFixedLength();
        entity.Property(e => e.Hash).HasColumnName("hash").HasMaxLength(64).IsFixedLength();
        entity.HasIndex(e => new { e.AgencyId, e.Sequence }).IsUnique();
        entity.HasIndex(e => e.ReceivedAt);
    }
}
