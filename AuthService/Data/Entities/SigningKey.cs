namespace Provisioner.AuthService.Data.Entities;

/// <summary>A JWT signing key shared by every AuthService instance; the private key is encrypted by the token vault.</summary>
public sealed class SigningKey
{
    /// <summary>The JWT <c>kid</c>.</summary>
    public required string Kid { get; set; }

    public required string Algorithm { get; set; }

    public required byte[] PrivateKeyCipher { get; set; }

    /// <summary>The vault key the private key is encrypted under.</summary>
    public required string KeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
