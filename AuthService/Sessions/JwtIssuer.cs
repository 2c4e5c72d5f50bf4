using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Provisioner.AuthService.Sessions;

/// <summary>Turns an authenticated caller into a short-lived ES256 JWT (sub, agency, role, name).</summary>
public sealed class JwtIssuer(JwtSigningKeys keys, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public async Task<IssuedToken> IssueAsync(Caller caller, CancellationToken cancellationToken)
    {
        var signing = (await keys.GetAsync(cancellationToken))[0];
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = options.Value.Lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                [AuthClaims.Subject] = caller.Subject,
                [AuthClaims.Agency] = caller.AgencyId,
                [AuthClaims.Role] = RoleNames.ToName(caller.Role),
                [AuthClaims.Name] = caller.Name,
                [AuthClaims.Method] = caller.Method,
            },
            SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(signing.Key) { KeyId = signing.Kid }, SecurityAlgorithms.EcdsaSha256),
        };
        return new IssuedToken(handler.CreateToken(descriptor), "Bearer", (int)lifetime.TotalSeconds);
    }
}

/// <summary>The body of POST /api/auth/token, shaped like an OAuth token response.</summary>
public sealed record IssuedToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
