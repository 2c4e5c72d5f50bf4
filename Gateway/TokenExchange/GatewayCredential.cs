using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Gateway.TokenExchange;

/// <summary>
/// An API key or a session cookie presented at the gateway. Not a record: a generated <c>ToString</c> would print
/// the secret into any log that formats it.
/// </summary>
public sealed class GatewayCredential
{
    public GatewayCredential(CredentialKind kind, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Kind = kind;
        Secret = secret;
        CacheKey = $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}";
    }

    public CredentialKind Kind { get; }

    /// <summary>The API key, or the session cookie pairs (<c>name=value; nameC1=value</c>) as the browser sent them.</summary>
    public string Secret { get; }

    /// <summary>The SHA-256 of the secret: the cache holds no usable credential.</summary>
    public string CacheKey { get; }

    public override string ToString() => Kind.ToString();
}
