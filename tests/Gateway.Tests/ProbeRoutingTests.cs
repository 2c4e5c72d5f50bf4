using System.Net;
using System.Net.Http.Json;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults;

namespace Provisioner.Gateway.Tests;

public sealed class ProbeRoutingTests(SharedGateway shared) : IClassFixture<SharedGateway>
{
    private readonly GatewayEnvironment env = shared.Environment;

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/alive/x")]
    [InlineData("//health")]
    [InlineData("/HEALTH/x")]
    [InlineData("/%68ealth/x")]
    public async Task Proxy_ProbeLikePath_IsAnswered404WithoutForwarding(string path)
    {
        using var client = env.CreateClient();
        var webRequestsBefore = env.Backend(ResourceNames.Web).Requests;

        // Absolute, so "//health" is a path and not a scheme-relative URL.
        using var response = await client.GetAsync(new Uri(env.Address.GetLeftPart(UriPartial.Authority) + path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(webRequestsBefore, env.Backend(ResourceNames.Web).Requests);
        Assert.All(env.Backends, b => Assert.Equal(0, b.ProbeHits));
    }

    [Theory]
    [InlineData("/api/auth/health", ResourceNames.Auth)]
    [InlineData("/api/jobs/alive", ResourceNames.Provisioning)]
    public async Task Proxy_ServicePrefixedProbePath_DoesNotReachTheServiceProbe(string path, string service)
    {
        using var client = env.CreateClient();

        using var response = await client.GetAsync(path);

        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal(service, echo?.Service);
        Assert.Equal(path, echo?.PathAndQuery);
        Assert.All(env.Backends, b => Assert.Equal(0, b.ProbeHits));
    }

    [Fact]
    public async Task Alive_IsTheGatewaysOwn_NoBackendProbed()
    {
        using var client = env.CreateClient();

        using var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(env.Backends, b => Assert.Equal(0, b.ProbeHits));
    }
}
