using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Provisioner.AuditService.Security;

public static class AuthenticationExtensions
{
    /// <summary>Bearer tokens from AuthService (keys from its JWKS, or a fixed key in tests) and the audit policies.</summary>
    public static void AddAuditAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditAuthOptions>()
            .BindConfiguration(nameof(AuditAuthOptions))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuditAuthOptions>, IHttpClientFactory>((jwt, auth, httpClients) =>
                Configure(jwt, auth.Value, httpClients));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuditPolicies.Reader, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(AuditPolicies.AgencyClaim)
                .RequireRole(AuditPolicies.Admin, AuditPolicies.Operator, AuditPolicies.Viewer))
            .AddPolicy(AuditPolicies.Auditor, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(AuditPolicies.AgencyClaim)
                .RequireRole(AuditPolicies.Admin, AuditPolicies.Operator));
    }

    private static void Configure(JwtBearerOptions jwt, AuditAuthOptions auth, IHttpClientFactory httpClients)
    {
        // Keep the JWT claim names (sub, agency, role) instead of the legacy SOAP claim URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            NameClaimType = AuditPolicies.SubjectClaim,
            RoleClaimType = AuditPolicies.RoleClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        if (!string.IsNullOrWhiteSpace(auth.SigningKeyPem))
        {
            jwt.TokenValidationParameters.IssuerSigningKey = ReadPublicKey(auth.SigningKeyPem);
            return;
        }

        // The JWKS URL may be a service-discovery name (http://auth): fetch it with a client that resolves it.
        var address = auth.JwksUrl!.ToString();
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            address,
            new JwksConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(nameof(AuditAuthOptions))) { RequireHttps = false });
    }

    private static SecurityKey ReadPublicKey(string pem)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException)
        {
            // Not an EC key: the only other kind AuthService could sign with is RSA.
            ec.Dispose();
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
    }
}
