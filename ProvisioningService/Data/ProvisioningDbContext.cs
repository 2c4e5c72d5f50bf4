using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.ProvisioningService.Data;

public sealed partial class ProvisioningDbContext(DbContextOptions<ProvisioningDbContext> options) : DbContext(options)
{
    public DbSet<ProvisioningJob> Jobs => Set<ProvisioningJob>();

    public DbSet<JobStep> JobSteps => Set<JobStep>();

    public DbSet<JobEvent> JobEvents => Set<JobEvent>();

    public DbSet<AgencySettings> AgencySettings => Set<AgencySettings>();

    public DbSet<JobAdmission> JobAdmissions => Set<JobAdmission>();

    public DbSet<CustomValueTemplate> CustomValueTemplates => Set<CustomValueTemplate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProvisioningJob>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.AgencyId).HasMaxLength(100);
            job.Property(j => j.IdempotencyKey).HasMaxLength(200);
            job.Property(j => j.RequestHash).HasMaxLength(64);
            job.Property(j => j.Intake).HasColumnType("jsonb");
            job.Property(j => j.BusinessName).HasMaxLength(200);
            job.Property(j => j.BusinessEmail).HasMaxLength(254);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.SnapshotId).HasMaxLength(100);
            job.Property(j => j.LocationId).HasMaxLength(100);
            job.Property(j => j.CreatedBy).HasMaxLength(200);
            job.Property(j => j.SnapshotReason).HasMaxLength(2000);
            job.Property(j => j.CompensationOutstanding).HasColumnType("jsonb");

            // The idempotency guarantee lives in the database: a concurrent duplicate loses on this index.
            job.HasIndex(j => new { j.AgencyId, j.IdempotencyKey }).IsUnique();
            job.HasIndex(j => new { j.AgencyId, j.CreatedAt });
            job.HasIndex(j => new { j.AgencyId, j.Status });
            job.HasMany(j => j.Steps).WithOne().HasForeignKey(s => s.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<JobStep>(step =>
        {
            step.ToTable("job_steps");
            step.HasKey(s => new { s.JobId, s.Name });
            step.Property(s => s.Name).HasMaxLength(50);
            step.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            step.Property(s => s.Error).HasMaxLength(2000);
            step.Property(s => s.Detail).HasMaxLength(500);
        });

        modelBuilder.Entity<JobEvent>(ev =>
        {
            ev.ToTable("job_events");
            ev.HasKey(e => e.Id);
            ev.Property(e => e.Id).UseIdentityAlwaysColumn();
            ev.Property(e => e.AgencyId).HasMaxLength(100);
            ev.Property(e => e.Type).HasMaxLength(100);
            ev.Property(e => e.Data).HasColumnType("jsonb");
            ev.HasIndex(e => new { e.JobId, e.Id });
            ev.HasOne<ProvisioningJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AgencySettings>(settings =>
        {
            settings.ToTable("agency_settings");
            settings.HasKey(a => a.AgencyId);
            settings.Property(a => a.AgencyId).HasMaxLength(100);
            settings.Property(a => a.DefaultSnapshotId).HasMaxLength(100);
            settings.Property(a => a.UpdatedBy).HasMaxLength(200);
        });

        modelBuilder.Entity<CustomValueTemplate>(template =>
        {
            template.ToTable("custom_value_templates");
            template.HasKey(t => new { t.AgencyId, t.Name });
            template.Property(t => t.AgencyId).HasMaxLength(100);
            template.Property(t => t.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<JobAdmission>(admission =>
        {
            admission.ToTable("job_admissions");
            admission.HasKey(a => a.JobId);
            admission.Property(a => a.AgencyId).HasMaxLength(100);
            admission.HasIndex(a => a.AgencyId);
            admission.HasOne<ProvisioningJob>().WithMany().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        // Our tables in snake_case like the messaging schema; set before AddMessagingTables, which names its own.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }

        modelBuilder.AddMessagingTables();
    }

    private static string SnakeCase(string name) => WordBoundary().Replace(name, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
