namespace Provisioner.AuthService.Data.Entities;

/// <summary>An API key: only its SHA-256 hash is stored; the key is shown once at creation.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string AgencyId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, so a user can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }

    public required byte[] Hash { get; set; }

    public Role Role { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
