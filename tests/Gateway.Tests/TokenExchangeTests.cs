using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults;

namespace Provisioner.Gateway.Tests;

/// <summary>API keys and session cookies become AuthService JWTs at the gateway (fake AuthService, fake services).</summary>
public sealed class TokenExchangeTests(SharedGateway shared) : IClassFixture<SharedGateway>
{
    private const string SessionCookie = "provisioner.session";

    private readonly GatewayEnvironment env = shared.Environment;

    private FakeTokenEndpoint Tokens => env.Backend(ResourceNames.Auth).Tokens;

    [Theory]
    [InlineData("/api/jobs/4f1c", ResourceNames.Provisioning)]
    [InlineData("/api/jobs", ResourceNames.Provisioning)]
    [InlineData("/api/provision", ResourceNames.Provisioning)]
    [InlineData("/api/snapshots/recommendations", ResourceNames.Advisor)]
    [InlineData("/api/audit/events", ResourceNames.Audit)]
    public async Task Proxy_ApiKeyAsBearer_ServiceReceivesTheIssuedJwt(string path, string service)
    {
        var key = GatewayEnvironment.NewApiKey();
        using var client = env.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var echo = await GetEchoAsync(client, path);

        Assert.Equal(service, echo.Service);
        Assert.Equal($"Bearer {Tokens.IssuedFor(key)}", echo.Authorization);
        Assert.NotNull(Tokens.IssuedFor(key));
    }

    [Fact]
    public async Task Proxy_ApiKeyHeader_ForwardedAsJwtWithoutTheKeyHeader()
    {
        var key = GatewayEnvironment.NewApiKey();
        using var client = env.CreateClient(key);

        var echo = await GetEchoAsync(client, "/api/jobs/1");

        Assert.Equal($"Bearer {Tokens.IssuedFor(key)}", echo.Authorization);
        Assert.Null(echo.ApiKey);
    }

    [Fact]
    public async Task Proxy_SessionCookie_ForwardedAsJwtWithoutTheSessionCookie_OtherCookiesKept()
    {
        var session = $"{SessionCookie}=ticket-{Guid.NewGuid():N}";
        using var client = env.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit/events");
        request.Headers.Add("Cookie", $"theme=dark; {session}; .AspNetCore.Antiforgery.x=af");

        using var response = await client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.Equal($"Bearer {Tokens.IssuedFor(session)}", echo.Authorization);
        Assert.Equal("theme=dark; .AspNetCore.Antiforgery.x=af", echo.Cookie);
    }

    [Fact]
    public async Task Proxy_ChunkedSessionCookie_AllChunksExchangedAndStripped()
    {
        var id = Guid.NewGuid().ToString("N");
        var chunks = $"{SessionCookie}=chunks-2; {SessionCookie}C1=first-{id}; {SessionCookie}C2=second-{id}";
        using var client = env.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/2");
        request.Headers.Add("Cookie", chunks);

        using var response = await client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.Equal($"Bearer {Tokens.IssuedFor(chunks)}", echo.Authorization);
        Assert.Null(echo.Cookie);
    }

    [Fact]
    public async Task Proxy_JwtBearer_PassesUnchangedWithoutExchange()
    {
        const string jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        using var client = env.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/3");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        request.Headers.Add("Cookie", $"{SessionCookie}=ticket-{Guid.NewGuid():N}");
        var before = Tokens.Exchanges;

        using var response = await client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.Equal($"Bearer {jwt}", echo.Authorization);
        Assert.StartsWith($"{SessionCookie}=ticket-", echo.Cookie);
        Assert.Equal(before, Tokens.Exchanges);
    }

    [Fact]
    public async Task Proxy_NoCredential_ForwardedUnchanged()
    {
        using var client = env.CreateAnonymousClient();
        var before = Tokens.Exchanges;

        var echo = await GetEchoAsync(client, "/api/snapshots");

        Assert.Equal(ResourceNames.Advisor, echo.Service);
        Assert.Null(echo.Authorization);
        Assert.Equal(before, Tokens.Exchanges);
    }

    [Theory]
    [InlineData("/api/auth/me", ResourceNames.Auth)]
    [InlineData("/api/auth/api-keys", ResourceNames.Auth)]
    [InlineData("/jobs/4f1c", ResourceNames.Web)]
    public async Task Proxy_AuthAndPortalRoutes_KeepTheCredentialsAsSent(string path, string service)
    {
        var key = GatewayEnvironment.NewApiKey();
        using var client = env.CreateClient(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{SessionCookie}=ticket-{key}");

        using var response = await client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.Equal(service, echo.Service);
        Assert.Equal(key, echo.ApiKey);
        Assert.Equal($"{SessionCookie}=ticket-{key}", echo.Cookie);
        Assert.Null(echo.Authorization);
        Assert.Null(Tokens.IssuedFor(key));
    }

    [Fact]
    public async Task Proxy_RevokedApiKey_Gets401ProblemAndIsNotForwarded()
    {
        var key = GatewayEnvironment.NewApiKey();
        Tokens.Revoke(key);
        var provisioning = env.Backend(ResourceNames.Provisioning);
        using var client = env.CreateClient(key);
        var before = provisioning.Requests;

        using var response = await client.PostAsJsonAsync("/api/provision", new { name = "Acme" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await ReadProblemAsync(response);
        Assert.Equal(401, problem.Status);
        Assert.Contains("API key", problem.Detail);
        Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, provisioning.Requests);
    }

    [Fact]
    public async Task Proxy_RejectedSessionCookie_Gets401Problem()
    {
        var session = $"{SessionCookie}=ended-{Guid.NewGuid():N}";
        Tokens.Revoke(session);
        using var client = env.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
        request.Headers.Add("Cookie", session);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.Contains("session", problem.Detail);
    }

    [Fact]
    public async Task Proxy_ManyRequestsWithOneKey_ExchangeOnce_AnotherKeyExchangesAgain()
    {
        var key = GatewayEnvironment.NewApiKey();
        using var client = env.CreateClient(key);
        var before = Tokens.Exchanges;

        var echoes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => GetEchoAsync(client, $"/api/jobs/{i}")));
        var afterOneKey = Tokens.Exchanges;
        using var other = env.CreateClient();
        await GetEchoAsync(other, "/api/jobs/other");

        Assert.Equal(before + 1, afterOneKey);
        Assert.Equal(before + 2, Tokens.Exchanges);
        Assert.All(echoes, e => Assert.Equal($"Bearer {Tokens.IssuedFor(key)}", e.Authorization));
    }

    /// <summary>
    /// The job stream still arrives event by event with the credential exchanged: the backend sends event n + 1
    /// only after the test has received event n through the gateway, so a buffering gateway would never complete.
    /// </summary>
    [Fact]
    public async Task Proxy_EventStreamWithSessionCookie_StreamsIncrementallyWithJwt()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var provisioning = env.Backend(ResourceNames.Provisioning);
        var jobId = Guid.NewGuid().ToString("N");
        var session = $"{SessionCookie}=ticket-{jobId}";
        using var client = env.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{jobId}/events");
        request.Headers.Add("Cookie", session);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        var received = new List<string>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(deadline.Token))
        {
            received.Add(item.Data);
            provisioning.Acknowledge(jobId);
        }

        Assert.Equal(["event 1", "event 2", "event 3"], received);
        Assert.Equal($"Bearer {Tokens.IssuedFor(session)}", provisioning.AuthorizationSeenAt($"/api/jobs/{jobId}/events"));
    }

    private static async Task<EchoResponse> GetEchoAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadEchoAsync(response);
    }

    private static async Task<EchoResponse> ReadEchoAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.NotNull(echo);
        return echo;
    }

    internal static async Task<ProblemDetails> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.NotNull(problem);
        return problem;
    }
}
