using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ServiceDiscovery;
using Provisioner.Gateway.Discovery;
using Yarp.ReverseProxy.Configuration;

namespace Provisioner.Gateway.Tests;

public sealed class ServiceDiscoveryDestinationResolverTests
{
    [Theory]
    [InlineData("http://auth", "127.0.0.1", 5101, "http://127.0.0.1:5101/")]
    [InlineData("http://auth/base/", "127.0.0.1", 5101, "http://127.0.0.1:5101/base/")]
    [InlineData("https+http://auth", "::1", 5101, "https://[::1]:5101/")]
    public void ToAddress_IpEndPoint_KeepsSchemeAndPath(string configured, string ip, int port, string expected)
    {
        var address = ServiceDiscoveryDestinationResolver.ToAddress(new Uri(configured), new IPEndPoint(IPAddress.Parse(ip), port));

        Assert.Equal(expected, address.ToString());
    }

    [Fact]
    public void ToAddress_DnsEndPointWithoutPort_UsesSchemeDefaultPort()
    {
        var address = ServiceDiscoveryDestinationResolver.ToAddress(new Uri("http://auth"), new DnsEndPoint("auth.internal", 0));

        Assert.Equal("http://auth.internal/", address.ToString());
    }

    [Fact]
    public void ToAddress_UriEndPoint_TakesItsSchemeHostAndPort()
    {
        var address = ServiceDiscoveryDestinationResolver.ToAddress(
            new Uri("http://web"), new UriEndPoint(new Uri("https://web.example:7443")));

        Assert.Equal("https://web.example:7443/", address.ToString());
    }

    [Fact]
    public async Task ResolveDestinationsAsync_ServiceWithTwoConfiguredEndpoints_YieldsBothDestinations()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["services:provisioning:http:0"] = "http://127.0.0.1:5201",
            ["services:provisioning:http:1"] = "http://127.0.0.1:5202",
        });
        var resolver = new ServiceDiscoveryDestinationResolver(services.GetRequiredService<ServiceEndpointResolver>());

        var resolved = await resolver.ResolveDestinationsAsync(
            new Dictionary<string, DestinationConfig> { ["provisioning"] = new() { Address = "http://provisioning" } },
            CancellationToken.None);

        Assert.Equal(
            ["http://127.0.0.1:5201/", "http://127.0.0.1:5202/"],
            resolved.Destinations.Values.Select(d => d.Address).Order());
        Assert.NotNull(resolved.ChangeToken);
    }

    [Fact]
    public async Task ResolveDestinationsAsync_SingleEndpoint_KeepsTheDestinationName()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["services:auth:http:0"] = "http://127.0.0.1:5101",
        });
        var resolver = new ServiceDiscoveryDestinationResolver(services.GetRequiredService<ServiceEndpointResolver>());

        var resolved = await resolver.ResolveDestinationsAsync(
            new Dictionary<string, DestinationConfig> { ["auth"] = new() { Address = "http://auth" } },
            CancellationToken.None);

        Assert.Equal("http://127.0.0.1:5101/", Assert.Single(resolved.Destinations, d => d.Key == "auth").Value.Address);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddServiceDiscovery()
            .BuildServiceProvider();
    }
}
