using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Gateway.Tests.Support;
using Provisioner.Gateway.TokenExchange;
using Provisioner.ServiceDefaults;
using Yarp.ReverseProxy;

namespace Provisioner.Gateway.Tests;

/// <summary>Cache lifetime (on a fake clock), AuthService failures and the configuration of the exchange.</summary>
public sealed class TokenExchangeLifetimeTests
{
    [Fact]
    public async Task Proxy_CachedJwt_ReusedUntilMaxAge_ThenARevokedKeyIsRefused()
    {
        var clock = new FakeTimeProvider();
        await using var env = await GatewayEnvironment.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var tokens = env.Backend(ResourceNames.Auth).Tokens;
        var key = GatewayEnvironment.NewApiKey();
        using var client = env.CreateClient(key);

        using var first = await client.GetAsync("/api/jobs/1");
        tokens.Revoke(key);
        clock.Advance(TimeSpan.FromSeconds(29));
        using var withinMaxAge = await client.GetAsync("/api/jobs/2");
        clock.Advance(TimeSpan.FromSeconds(2));
        using var afterMaxAge = await client.GetAsync("/api/jobs/3");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withinMaxAge.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterMaxAge.StatusCode);
        Assert.Equal(2, tokens.Exchanges);
    }

    [Fact]
    public async Task Proxy_ShortLivedJwt_RenewedThirtySecondsBeforeItExpires()
    {
        var clock = new FakeTimeProvider();
        await using var env = await GatewayEnvironment.StartAsync(
            new Dictionary<string, string?> { ["TokenExchangeOptions:MaxAge"] = "00:05:00" },
            s => s.AddSingleton<TimeProvider>(clock));
        var tokens = env.Backend(ResourceNames.Auth).Tokens;
        tokens.LifetimeSeconds = 40;
        var key = GatewayEnvironment.NewApiKey();
        using var client = env.CreateClient(key);

        var first = await AuthorizationAsync(client, "/api/audit/1");
        clock.Advance(TimeSpan.FromSeconds(9));
        var beforeMargin = await AuthorizationAsync(client, "/api/audit/2");
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterMargin = await AuthorizationAsync(client, "/api/audit/3");

        Assert.Equal(first, beforeMargin);
        Assert.NotEqual(first, afterMargin);
        Assert.Equal($"Bearer {tokens.IssuedFor(key)}", afterMargin);
        Assert.Equal(2, tokens.Exchanges);
    }

    [Fact]
    public async Task Proxy_AuthServiceDown_Gets503ProblemAndIsNotForwarded()
    {
        await using var env = await GatewayEnvironment.StartAsync();
        await env.Backend(ResourceNames.Auth).DisposeAsync();
        var provisioning = env.Backend(ResourceNames.Provisioning);
        using var client = env.CreateClient();
        var before = provisioning.Requests;

        using var response = await client.GetAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await TokenExchangeTests.ReadProblemAsync(response);
        Assert.Equal(503, problem.Status);
        Assert.Equal(before, provisioning.Requests);
    }

    [Fact]
    public async Task Proxy_AuthServiceFailing_Gets503_AndTheFailureIsNotCached()
    {
        await using var env = await GatewayEnvironment.StartAsync();
        var tokens = env.Backend(ResourceNames.Auth).Tokens;
        tokens.FailWithStatus = 500;
        using var client = env.CreateClient();

        using var failed = await client.GetAsync("/api/snapshots");
        tokens.FailWithStatus = null;
        using var recovered = await client.GetAsync("/api/snapshots");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(2, tokens.Exchanges);
    }

    [Fact]
    public async Task Proxy_AuthServiceHanging_Gets503AfterTheTimeout()
    {
        await using var env = await GatewayEnvironment.StartAsync(
            new Dictionary<string, string?> { ["TokenExchangeOptions:Timeout"] = "00:00:00.200" });
        env.Backend(ResourceNames.Auth).Tokens.Hang = true;
        using var client = env.CreateClient();

        using var response = await client.GetAsync("/api/audit/events");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, (await TokenExchangeTests.ReadProblemAsync(response)).Status);
    }

    [Fact]
    public async Task Routes_TokenExchange_OnEveryServiceApiButNotOnAuthOrPortal()
    {
        await using var env = await GatewayEnvironment.StartAsync();

        var routes = env.Services.GetRequiredService<IProxyStateLookup>().GetRoutes()
            .Where(r => TokenExchangeMiddleware.AppliesTo(r.Config.Metadata))
            .Select(r => r.Config.RouteId);

        Assert.Equal(["audit", "jobs", "provision", "snapshots"], routes.Order());
    }

    [Theory]
    [InlineData("TokenExchangeOptions:MaxAge", "00:00:00")]
    [InlineData("TokenExchangeOptions:ExpiryMargin", "01:00:00")]
    [InlineData("TokenExchangeOptions:Timeout", "00:00:00")]
    [InlineData("TokenExchangeOptions:AuthServiceUrl", "not a url")]
    public void Start_InvalidTokenExchangeOption_FailsNamingTheField(string key, string value)
    {
        using var factory = new GatewayFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(key.Split(':')[1], error.ToString());
    }

    private static async Task<string?> AuthorizationAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EchoResponse>())?.Authorization;
    }
}
