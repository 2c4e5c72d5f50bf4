namespace Provisioner.AuthService.Data.Entities;

/// <summary>A GHL agency (company): the tenant. Its id is GHL's companyId.</summary>
public sealed class Agency
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public ConnectionState State { get; set; }

    /// <summary>The space-separated scopes GHL granted in the last token response.</summary>
    public string Scopes { get; set; } = "";

    public DateTimeOffset? TokenExpiresAt { get; set; }

    public DateTimeOffset? LastRefreshedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
