using Provisioner.Gateway.Discovery;
using Provisioner.Gateway.Health;
using Provisioner.Gateway.RateLimiting;
using Provisioner.Gateway.TokenExchange;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Provisioner.Gateway.Extensions;

public static class ApplicationServiceExtensions
{
    public const string ReverseProxySection = "ReverseProxy";

    /// <summary>Every registration of the gateway, in one place.</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        ListenAddress.ApplyDefault(builder);

        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Routes and clusters are configuration; cluster addresses name services (http://auth) and are resolved
        // through Microsoft.Extensions.ServiceDiscovery, which reads Aspire's services__<name>__http__0 contract.
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection(ReverseProxySection));
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();

        builder.Services.AddClientRateLimiting();
        builder.AddBackendHealthChecks(builder.Configuration.GetSection($"{ReverseProxySection}:Clusters"));

        // API keys and the session cookie become AuthService JWTs before a request reaches a service, which
        // validates the JWT itself (see TokenExchange/ and the README).
        builder.Services.AddTokenExchange();
    }
}
