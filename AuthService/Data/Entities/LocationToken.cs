namespace Provisioner.AuthService.Data.Entities;

/// <summary>A cached sub-account (location) token minted from the agency token, encrypted like the agency pair.</summary>
public sealed class LocationToken
{
    public required string AgencyId { get; set; }

    public required string LocationId { get; set; }

    public required byte[] AccessTokenCipher { get; set; }

    public byte[]? RefreshTokenCipher { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public required string KeyId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
