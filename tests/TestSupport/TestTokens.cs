using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Provisioner.TestSupport;

/// <summary>Issues ES256 tokens shaped like AuthService's, signed with a key the test host is configured to trust.</summary>
public static class TestTokens
{
    public const string Issuer = "provisioner-auth";
    public const string Audience = "provisioner";

    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly JsonWebTokenHandler Handler = new();

    public static string PublicKeyPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    public static string Issue(string? agency, string role, ECDsa? signWith = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = role };
        if (agency is not null)
        {
            claims["agency"] = agency;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signWith ?? Key), SecurityAlgorithms.EcdsaSha256),
        });
    }
}
