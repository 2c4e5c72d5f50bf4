namespace Provisioner.AuthService.Data.Entities;

/// <summary>The agency's (Company) GHL token pair, both encrypted by the token vault with the agency id as associated data.</summary>
public sealed class AgencyToken
{
    public required string AgencyId { get; set; }

    public required byte[] AccessTokenCipher { get; set; }

    public required byte[] RefreshTokenCipher { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The vault key both ciphertexts are under; lets the re-encryption pass find rows on old keys.</summary>
    public required string KeyId { get; set; }

    /// <summary>Incremented on every store: a caller that saw version N asks for a refresh only if it is still N.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
