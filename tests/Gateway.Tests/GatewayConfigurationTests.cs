using Microsoft.Extensions.DependencyInjection;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults;
using Yarp.ReverseProxy;

namespace Provisioner.Gateway.Tests;

public sealed class GatewayConfigurationTests(SharedGateway shared) : IClassFixture<SharedGateway>
{
    private readonly GatewayEnvironment env = shared.Environment;

    [Fact]
    public void Clusters_EveryBackend_HasAnActivityTimeoutLongEnoughForIdleStreams()
    {
        var clusters = env.Services.GetRequiredService<IProxyStateLookup>().GetClusters().ToList();

        Assert.Equal(ResourceNames.BackendServices.Order(), clusters.Select(c => c.ClusterId).Order());
        Assert.All(clusters, c => Assert.True(
            c.Model.Config.HttpRequest?.ActivityTimeout >= TimeSpan.FromMinutes(10),
            $"Cluster {c.ClusterId} would cut an idle SSE stream or WebSocket."));
    }

    [Fact]
    public void Clusters_ServiceNames_AreResolvedToTheDiscoveredEndpoints()
    {
        var clusters = env.Services.GetRequiredService<IProxyStateLookup>().GetClusters();

        Assert.All(clusters, c =>
        {
            var destination = Assert.Single(c.Destinations.Values);
            Assert.Equal(env.Backend(c.ClusterId).Address, new Uri(destination.Model.Config.Address));
        });
    }

    [Theory]
    [InlineData("GatewayOptions:RateLimitPermits", "0")]
    [InlineData("GatewayOptions:RateLimitWindow", "00:00:00")]
    [InlineData("GatewayOptions:HealthTimeout", "00:10:00")]
    [InlineData("GatewayOptions:ApiKeyHeader", "")]
    [InlineData("GatewayOptions:TrustedOrigins:0", "https://portal.example/connect")]
    [InlineData("GatewayOptions:TrustedOrigins:0", "portal.example")]
    [InlineData("GatewayOptions:TrustedOrigins:0", "ftp://portal.example")]
    public void Start_InvalidOption_FailsNamingTheField(string key, string value)
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(key.Split(':')[1], error.ToString());
    }
}
