namespace Provisioner.GhlSandbox.Model;

public enum TokenKind
{
    AuthorizationCode,
    Access,
    Refresh,
}

/// <summary>
/// An issued credential. Only the SHA-256 of the secret is kept, so neither the state file nor the admin API can
/// leak a usable token.
/// </summary>
public sealed class TokenRecord
{
    public required string Hash { get; set; }
    public TokenKind Kind { get; set; }
    /// <summary>"Company" or "Location".</summary>
    public required string UserType { get; set; }
    public required string CompanyId { get; set; }
    public string? LocationId { get; set; }
    public required string UserId { get; set; }
    public required string[] Scopes { get; set; }
    public string? RedirectUri { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Codes and refresh tokens are single-use.</summary>
    public bool Used { get; set; }
    public bool Revoked { get; set; }

    /// <summary>The resource whose rate-limit budget the token spends: its location, else its company.</summary>
    public string ResourceId => LocationId ?? CompanyId;
}
