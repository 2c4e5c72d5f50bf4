using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Provisioner.GhlSandbox.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Requests_MoreThan100InWindow_Returns429WithHeadersUntilWindowPasses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new SandboxFactory(time: time);
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var path = $"/companies/{SandboxFactory.NorthStarId}";

        var statuses = new List<HttpStatusCode>();
        string? remainingAfterFirst = null;
        for (var i = 0; i < 100; i++)
        {
            using var ok = await session.SendAsync(HttpMethod.Get, path, agency);
            statuses.Add(ok.StatusCode);
            remainingAfterFirst ??= Header(ok, "X-RateLimit-Remaining");
        }

        using var limited = await session.SendAsync(HttpMethod.Get, path, agency);
        time.Advance(TimeSpan.FromSeconds(10));
        using var afterWindow = await session.SendAsync(HttpMethod.Get, path, agency);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal("99", remainingAfterFirst);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("100", Header(limited, "X-RateLimit-Max"));
        Assert.Equal("10000", Header(limited, "X-RateLimit-Interval-Milliseconds"));
        Assert.Equal("200000", Header(limited, "X-RateLimit-Limit-Daily"));
        Assert.Equal("199900", Header(limited, "X-RateLimit-Daily-Remaining"));
        Assert.Equal(429, (await GhlSession.JsonAsync(limited)).GetProperty("statusCode").GetInt32());
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Requests_LocationToken_HasItsOwnBudget()
    {
        using var factory = new SandboxFactory(new Dictionary<string, string?> { ["GhlSandbox:RateLimit:BurstLimit"] = "5" });
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        var location = await session.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, locationId);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
        }

        using var agencyLimited = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
        using var locationOk = await session.SendAsync(HttpMethod.Get, $"/locations/{locationId}", location);

        Assert.Equal(HttpStatusCode.TooManyRequests, agencyLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, locationOk.StatusCode);
        Assert.Equal("4", Header(locationOk, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Requests_DailyBudgetSpent_Returns429WithDailyRemainingZero()
    {
        using var factory = new SandboxFactory(new Dictionary<string, string?> { ["GhlSandbox:RateLimit:DailyLimit"] = "3" });
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        for (var i = 0; i < 3; i++)
        {
            using var _ = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
        }

        using var limited = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", Header(limited, "X-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task Requests_RateLimitDisabled_NoHeadersAndNo429()
    {
        using var factory = new SandboxFactory(new Dictionary<string, string?>
        {
            ["GhlSandbox:RateLimit:Enabled"] = "false",
            ["GhlSandbox:RateLimit:BurstLimit"] = "2",
        });
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.False(last!.Headers.Contains("X-RateLimit-Remaining"));
        last.Dispose();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
