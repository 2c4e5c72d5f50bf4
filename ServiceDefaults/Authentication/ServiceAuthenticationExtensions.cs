using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Provisioner.ServiceDefaults.Authentication;

public static class ServiceAuthenticationExtensions
{
    /// <summary>
    /// Bearer tokens issued by AuthService, validated with its JWKS (or a fixed public key in tests), the same way in
    /// every service. Returns the authorization builder for the service's own policies.
    /// </summary>
    public static AuthorizationBuilder AddServiceAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceAuthOptions>()
            .BindConfiguration(nameof(ServiceAuthOptions))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ServiceAuthOptions>, IHttpClientFactory>((jwt, auth, httpClients) =>
                Configure(jwt, auth.Value, httpClients));

        return builder.Services.AddAuthorizationBuilder();
    }

    private static void Configure(JwtBearerOptions jwt, ServiceAuthOptions auth, IHttpClientFactory httpClients)
    {
        // Keep the JWT claim names (sub, agency, role) instead of the legacy SOAP claim URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            NameClaimType = ProvisionerClaims.Subject,
            RoleClaimType = ProvisionerClaims.Role,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        if (!string.IsNullOrWhiteSpace(auth.SigningKeyPem))
        {
            jwt.TokenValidationParameters.IssuerSigningKey = ReadPublicKey(auth.SigningKeyPem);
            return;
        }

        // The JWKS URL may be a service-discovery name (http://auth): fetch it with a client that resolves it.
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            auth.JwksUrl!.ToString(),
            new JwksConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(nameof(ServiceAuthOptions))) { RequireHttps = false });
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
