using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.GhlSandbox.Tests;

public sealed class FaultInjectionTests
{
    private static readonly Dictionary<string, string?> NoRateLimit = new() { ["GhlSandbox:RateLimit:Enabled"] = "false" };

    [Fact]
    public async Task Fault_StatusWithCount_FailsThatManyThenServes()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await AddFaultAsync(session, new { method = "GET", path = "/companies/*", status = 503, count = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        var journal = await session.Http.GetFromJsonAsync<JsonElement>("/_sandbox/journal?path=/companies/&status=503");
        Assert.Equal(2, journal.GetArrayLength());
        Assert.Equal("status:503", journal[0].GetProperty("fault").GetString());
    }

    [Fact]
    public async Task Fault_HalfErrorRate_FailsSomeButNotAllRequests()
    {
        using var factory = new SandboxFactory(NoRateLimit);
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await AddFaultAsync(session, new { path = "/companies/*", status = 500, rate = 0.5 });

        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            using var response = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        // Binomial(200, 0.5): outside 40..160 has a probability far below 1e-15.
        Assert.InRange(failures, 40, 160);
    }

    [Fact]
    public async Task Fault_429Burst_SendsRateLimitHeaders()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await AddFaultAsync(session, new { path = "/locations/*", status = 429, count = 3 });
        var locationPath = $"/locations/search?companyId={SandboxFactory.NorthStarId}";

        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            burst.Add(await session.SendAsync(HttpMethod.Get, locationPath, agency));
        }

        Assert.All(burst.Take(3), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(burst.Take(3), r => Assert.Equal("0", r.Headers.GetValues("X-RateLimit-Remaining").Single()));
        Assert.Equal(HttpStatusCode.OK, burst[3].StatusCode);
        burst.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Fault_Latency_DelaysTheAnswer()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await AddFaultAsync(session, new { path = "/companies/*", latencyMs = 400 });

        var watch = Stopwatch.StartNew();
        using var response = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(390), $"answered after {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Fault_Timeout_ClientGivesUpWithoutAnswer()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await AddFaultAsync(session, new { path = "/companies/*", timeout = true });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}");
        request.Headers.Add("Version", "2021-07-28");
        request.Headers.Authorization = new("Bearer", agency);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Http.SendAsync(request, cts.Token));
    }

    [Fact]
    public async Task RevokeTokens_ForCompany_AccessAndRefreshStopWorking()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var token = await session.CompanyTokenAsync();
        var peak = await session.CompanyAccessTokenAsync(SandboxFactory.PeakId);

        using var revoke = await session.Http.PostAsJsonAsync("/_sandbox/faults/revoke-tokens", new { resourceId = SandboxFactory.NorthStarId });
        using var call = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", token.GetProperty("access_token").GetString());
        using var refresh = await session.ExchangeAsync(GhlSession.RefreshGrant(token.GetProperty("refresh_token").GetString()!));
        using var other = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.PeakId}", peak);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ClearFaults_AfterDelete_RequestsServeNormally()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await AddFaultAsync(session, new { status = 500 });

        using var cleared = await session.Http.DeleteAsync("/_sandbox/faults");
        using var response = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AddFault_InvalidStatus_Returns400ProblemNamingField()
    {
        using var factory = new SandboxFactory();
        using var response = await factory.CreateClient().PostAsJsonAsync("/_sandbox/faults", new { path = "*", status = 200 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Status", out _));
    }

    private static async Task AddFaultAsync(GhlSession session, object rule)
    {
        using var response = await session.Http.PostAsJsonAsync("/_sandbox/faults", rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
