using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Gateway.Tests.Support;

namespace Provisioner.Gateway.Tests;

public sealed class RateLimitingTests
{
    private static readonly Dictionary<string, string?> ThreePerWindow = new()
    {
        ["GatewayOptions:RateLimitPermits"] = "3",
        ["GatewayOptions:RateLimitWindow"] = "00:10:00",
    };

    [Fact]
    public async Task Proxy_ClientOverItsLimit_Gets429WithRetryAfterAndProblemDetails_OtherClientServed()
    {
        await using var env = await GatewayEnvironment.StartAsync(ThreePerWindow);
        using var greedy = env.CreateClient();
        using var other = env.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await greedy.GetAsync($"/api/jobs/{i}");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var rejected = await greedy.GetAsync("/api/jobs/3");
        using var served = await other.GetAsync("/api/jobs/3");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must give a positive delay.");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = await rejected.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(429, problem?.Status);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Proxy_AnonymousClientsOverLimit_LimitedByIpButProbesStillAnswer()
    {
        await using var env = await GatewayEnvironment.StartAsync(ThreePerWindow);
        using var anonymous = env.CreateAnonymousClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await anonymous.GetAsync("/dashboard");
            statuses.Add(response.StatusCode);
        }

        using var alive = await anonymous.GetAsync("/alive");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Proxy_SessionCookieClients_AreLimitedPerSession()
    {
        await using var env = await GatewayEnvironment.StartAsync(ThreePerWindow);
        using var anonymous = env.CreateAnonymousClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var session in new[] { "a", "a", "a", "a", "b" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
            request.Headers.Add("Cookie", $"provisioner.session={session}-{env.Address.Port}");
            using var response = await anonymous.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            statuses);
    }
}
