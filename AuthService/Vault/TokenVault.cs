using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Provisioner.AuthService.Vault;

/// <summary>
/// AES-256-GCM encryption of secrets at rest. Ciphertext layout:
/// <c>version(1)=1 | keyIdLength(1) | keyId(UTF-8) | nonce(12) | tag(16) | ciphertext</c>.
/// The associated data binds a ciphertext to its owner (the agency id), so a row copied to another agency
/// does not decrypt. The key id travels inside the ciphertext so reads work across rotations.
/// </summary>
public sealed class TokenVault
{
    public const int MaxKeyIdLength = 64;
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> keys;

    public TokenVault(IOptions<TokenVaultOptions> options)
    {
        keys = options.Value.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        ActiveKeyId = options.Value.ActiveKeyId;
    }

    public string ActiveKeyId { get; }

    public byte[] Encrypt(string plaintext, string associatedData)
    {
        var keyId = Encoding.UTF8.GetBytes(ActiveKeyId);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var header = 2 + keyId.Length;
        var output = new byte[header + NonceSize + TagSize + plain.Length];
        output[0] = FormatVersion;
        output[1] = (byte)keyId.Length;
        keyId.CopyTo(output, 2);
        var nonce = output.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(keys[ActiveKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(header + NonceSize + TagSize), output.AsSpan(header + NonceSize, TagSize),
            Encoding.UTF8.GetBytes(associatedData));
        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    public string Decrypt(byte[] ciphertext, string associatedData)
    {
        var keyId = ReadKeyId(ciphertext);
        if (!keys.TryGetValue(keyId, out var key))
        {
            throw new TokenVaultException($"The ciphertext is under vault key '{keyId}', which is not configured.");
        }

        var header = 2 + Encoding.UTF8.GetByteCount(keyId);
        var body = ciphertext.AsSpan(header + NonceSize + TagSize);
        var plain = new byte[body.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(ciphertext.AsSpan(header, NonceSize), body, ciphertext.AsSpan(header + NonceSize, TagSize), plain,
                Encoding.UTF8.GetBytes(associatedData));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            // Tampered, truncated or bound to another owner; the message names neither key nor content.
            throw new TokenVaultException("The ciphertext failed authentication (tampered, or bound to another owner).", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The key id stored in a ciphertext, read without decrypting.</summary>
    public static string ReadKeyId(byte[] ciphertext)
    {
        if (ciphertext.Length < 2 || ciphertext[0] != FormatVersion)
        {
            throw new TokenVaultException("The ciphertext has an unknown format.");
        }

        var length = ciphertext[1];
        if (length == 0 || ciphertext.Length < 2 + length + NonceSize + TagSize)
        {
            throw new TokenVaultException("The ciphertext is truncated.");
        }

        return Encoding.UTF8.GetString(ciphertext, 2, length);
    }

    public bool IsActive(byte[] ciphertext) => ReadKeyId(ciphertext) == ActiveKeyId;
}
