using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Provisioner.SnapshotAdvisor.Data;

public sealed class AdvisorDbContext(DbContextOptions<AdvisorDbContext> options) : DbContext(options)
{
    public DbSet<LibrarySnapshot> Snapshots => Set<LibrarySnapshot>();

    public DbSet<AgencyLibrary> Libraries => Set<AgencyLibrary>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgencyLibrary>(e =>
        {
            e.ToTable("agency_libraries");
            e.HasKey(x => x.AgencyId);
            e.Property(x => x.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.LastSyncedAt).HasColumnName("last_synced_at");
            e.Property(x => x.LastSyncError).HasColumnName("last_sync_error").HasMaxLength(1000);
        });

        modelBuilder.Entity<LibrarySnapshot>(e =>
        {
            e.ToTable("snapshots");

            // GHL ids are global, but an imported snapshot appears in several agencies' libraries with its own metadata.
            e.HasKey(x => new { x.AgencyId, x.Id });
            e.Property(x => x.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(100);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(500);
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(50);
            e.Property(x => x.Description).HasColumnName("description").HasMaxLength(SnapshotLimits.DescriptionLength);
            e.Property(x => x.Tags).HasColumnName("tags");
            e.Property(x => x.DefaultUserRoles).HasColumnName("default_user_roles");
            e.Property(x => x.DefaultCustomValues).HasColumnName("default_custom_values").HasColumnType("jsonb")
                .HasConversion(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                    v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
                    new ValueComparer<Dictionary<string, string>>(
                        (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
                        v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                        v => new Dictionary<string, string>(v)));
            e.Property(x => x.Hidden).HasColumnName("hidden");
            e.Property(x => x.FirstSyncedAt).HasColumnName("first_synced_at");
            e.Property(x => x.LastSyncedAt).HasColumnName("last_synced_at");
            e.Property(x => x.RemovedAt).HasColumnName("removed_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.HasIndex(x => new { x.AgencyId, x.RemovedAt });
            e.HasIndex(x => x.Tags).HasMethod("gin");
        });
    }
}
