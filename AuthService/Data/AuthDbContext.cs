using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.Data.Entities;
using Provisioner.Messaging.Schema;

namespace Provisioner.AuthService.Data;

public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AgencyToken> AgencyTokens => Set<AgencyToken>();

    public DbSet<LocationToken> LocationTokens => Set<LocationToken>();

    public DbSet<AppUser> Users => Set<AppUser>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<OAuthState> OAuthStates => Set<OAuthState>();

    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Agency>(e =>
        {
            e.ToTable("agencies");
            e.Property(a => a.Id).HasMaxLength(64);
            e.Property(a => a.Name).HasMaxLength(256);
            e.Property(a => a.State).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<AgencyToken>(e =>
        {
            e.ToTable("agency_tokens");
            e.HasKey(t => t.AgencyId);
            e.HasOne<Agency>().WithOne().HasForeignKey<AgencyToken>(t => t.AgencyId).OnDelete(DeleteBehavior.Cascade);
            e.Property(t => t.KeyId).HasMaxLength(64);
            e.HasIndex(t => t.KeyId);
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<LocationToken>(e =>
        {
            e.ToTable("location_tokens");
            e.HasKey(t => new { t.AgencyId, t.LocationId });
            e.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Cascade);
            e.Property(t => t.LocationId).HasMaxLength(64);
            e.Property(t => t.KeyId).HasMaxLength(64);
            e.HasIndex(t => t.KeyId);
            e.HasIndex(t => t.LocationId);
        });
        modelBuilder.Entity<AppUser>(e =>
        {
            e.ToTable("users");
            e.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Cascade);
            e.Property(u => u.GhlUserId).HasMaxLength(64);
            e.Property(u => u.Name).HasMaxLength(256);
            e.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(u => new { u.AgencyId, u.GhlUserId }).IsUnique();
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasOne<Agency>().WithMany().HasForeignKey(k => k.AgencyId).OnDelete(DeleteBehavior.Cascade);
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.CreatedBy).HasMaxLength(128);
            e.Property(k => k.Role).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasIndex(k => k.AgencyId);
        });
        modelBuilder.Entity<OAuthState>(e =>
        {
            e.ToTable("oauth_states");
            e.HasKey(s => s.StateHash);
            e.HasIndex(s => s.ExpiresAt);
        });
        modelBuilder.Entity<WebhookReceipt>(e =>
        {
            e.ToTable("webhook_receipts");
            e.HasKey(r => r.WebhookId);
            e.Property(r => r.WebhookId).HasMaxLength(128);
            e.Property(r => r.Type).HasMaxLength(64);
            e.HasIndex(r => r.ReceivedAt);
        });
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.Kid);
            e.Property(k => k.Kid).HasMaxLength(64);
            e.Property(k => k.Algorithm).HasMaxLength(16);
            e.Property(k => k.KeyId).HasMaxLength(64);
            e.HasIndex(k => k.KeyId);
        });

        // The bus outbox (schema "messaging"): events are stored with the change that caused them, in one transaction.
        modelBuilder.AddMessagingTables();
    }
}
