using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Tests.Host;

/// <summary>The "service" database of the tests: its own tables plus the messaging tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<ConsumerWrite> ConsumerWrites => Set<ConsumerWrite>();

    public DbSet<ProbeEntry> Probe => Set<ProbeEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>().HasKey(x => x.Id);

        // No unique keys on these two: a duplicate effect or a duplicate delivery shows up as a second row.
        modelBuilder.Entity<ConsumerWrite>().HasKey(x => x.Id);
        modelBuilder.Entity<ProbeEntry>().HasKey(x => x.Id);
        modelBuilder.AddMessagingTables();
    }
}
