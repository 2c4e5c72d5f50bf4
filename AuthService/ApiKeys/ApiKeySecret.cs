using System.Security.Cryptography;
using System.Text;

namespace Provisioner.AuthService.ApiKeys;

/// <summary>
/// API key material. A key is <c>pvk_</c> + 32 random bytes (base64url). It is stored as its SHA-256: with 256
/// bits of entropy nothing can be guessed or brute-forced from the hash, so a slow password hash (which exists to
/// protect low-entropy secrets) would only cost latency on every request.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "pvk_";
    private const int DisplayPrefixLength = 12;

    public static (string Key, string DisplayPrefix, byte[] Hash) Generate()
    {
        var key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (key, key[..DisplayPrefixLength], Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool LooksLikeKey(string value) => value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length > DisplayPrefixLength;
}
