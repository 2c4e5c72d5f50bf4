using System.Net.Http.Json;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.Gateway.Tests;

public sealed class CorrelationIdTests(SharedGateway shared) : IClassFixture<SharedGateway>
{
    private readonly GatewayEnvironment env = shared.Environment;

    [Fact]
    public async Task Proxy_RequestWithoutCorrelationId_GeneratesOneReturnedAndForwarded()
    {
        using var client = env.CreateClient();

        using var response = await client.GetAsync("/api/jobs/no-id");

        var returned = Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName));
        Assert.True(CorrelationId.IsValid(returned));
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal(returned, echo?.CorrelationId);
    }

    [Fact]
    public async Task Proxy_RequestWithCorrelationId_EchoesAndForwardsTheSameId()
    {
        using var client = env.CreateClient();
        var id = $"test-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit/events");
        request.Headers.Add(CorrelationId.HeaderName, id);

        using var response = await client.SendAsync(request);

        Assert.Equal(id, Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal(id, echo?.CorrelationId);
    }

    [Fact]
    public async Task Proxy_UnsafeCorrelationId_IsReplacedBeforeForwarding()
    {
        using var client = env.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, "bad id with spaces");

        using var response = await client.SendAsync(request);

        var returned = Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName));
        Assert.NotEqual("bad id with spaces", returned);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal(returned, echo?.CorrelationId);
    }
}
