using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Provisioner.ProvisioningService.Security;

public static class AuthenticationExtensions
{
    /// <summary>Bearer tokens from AuthService (keys from its JWKS, or a fixed key in tests) and the provisioning policies.</summary>
    public static void AddProvisioningAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProvisioningAuthOptions>()
            .BindConfiguration(nameof(ProvisioningAuthOptions))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ProvisioningAuthOptions>, IHttpClientFactory>((jwt, auth, httpClients) =>
                Configure(jwt, auth.Value, httpClients));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ProvisioningPolicies.Reader, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(ProvisioningPolicies.AgencyClaim)
                .RequireRole(ProvisioningPolicies.Admin, ProvisioningPolicies.Operator, ProvisioningPolicies.Viewer))
            .AddPolicy(ProvisioningPolicies.Operate, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(ProvisioningPolicies.AgencyClaim)
                .RequireRole(ProvisioningPolicies.Admin, ProvisioningPolicies.Operator));
    }

    private static void Configure(JwtBearerOptions jwt, ProvisioningAuthOptions auth, IHttpClientFactory httpClients)
    {
        // Keep the JWT claim names (sub, agency, role) instead of the legacy SOAP claim URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            NameClaimType = ProvisioningPolicies.SubjectClaim,
            RoleClaimType = ProvisioningPolicies.RoleClaim,
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
            new HttpDocumentRetriever(httpClients.CreateClient(nameof(ProvisioningAuthOptions))) { RequireHttps = false });
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
