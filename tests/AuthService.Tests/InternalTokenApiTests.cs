using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Tests;

/// <summary>The internal token API against the real GhlSandbox and PostgreSQL.</summary>
public sealed class InternalTokenApiTests(SandboxWorld world) : IClassFixture<SandboxWorld>
{
    private const string LocationTokenPath = "/oauth/locationToken";
    private const string TokenPath = "/oauth/token";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong-key-wrong-key-0000")]
    [InlineData("test-internal-key-0123456789abcdefghijklmnoq")]
    public async Task Token_WithoutTheInternalKey_Returns401(string? key)
    {
        using var service = world.Service(key);

        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { agencyId = SandboxGhl.NorthStar });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithSessionCookieOnly_Returns401()
    {
        using var response = await world.AdminBrowser.PostAsJsonAsync("/internal/ghl/token", new { agencyId = SandboxGhl.NorthStar });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AuthApi_WithInternalKeyOnly_Returns401()
    {
        using var service = world.Service();

        using var response = await service.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_ForConnectedAgency_ReturnsAWorkingAgencyToken()
    {
        var token = await world.TokenAsync(SandboxGhl.NorthStar);

        Assert.Equal("agency", token.TokenType);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/companies/{SandboxGhl.NorthStar}");
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        request.Headers.Add("Version", "2021-07-28");
        using var company = await world.Ghl.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, company.StatusCode);
    }

    [Fact]
    public async Task Token_WithoutAgencyId_Returns400NamingTheField()
    {
        using var service = world.Service();

        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { locationId = "abc" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("agencyId", out _));
    }

    [Fact]
    public async Task LocationToken_SequentialRequests_MintsOnceThenServesTheCache()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);
        var mark = await world.Ghl.JournalMarkAsync();

        var tokens = new List<SandboxWorld.TokenAnswer>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await world.TokenAsync(SandboxGhl.NorthStar, locationId));
        }

        Assert.All(tokens, t => Assert.Equal("location", t.TokenType));
        Assert.Single(tokens.Select(t => t.AccessToken).Distinct());
        Assert.Single(await world.Ghl.JournalAsync(LocationTokenPath, mark));
    }

    [Fact]
    public async Task LocationToken_TwentyConcurrentRequests_MintOnce()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);
        var mark = await world.Ghl.JournalMarkAsync();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => world.TokenAsync(SandboxGhl.NorthStar, locationId)));

        Assert.Single(tokens.Select(t => t.AccessToken).Distinct());
        Assert.Single(await world.Ghl.JournalAsync(LocationTokenPath, mark));
    }

    [Fact]
    public async Task LocationToken_WorksOnTheLocationAndIsStoredEncrypted()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);

        var token = await world.TokenAsync(SandboxGhl.NorthStar, locationId);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/locations/{locationId}/customValues");
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        request.Headers.Add("Version", "2021-07-28");
        using var customValues = await world.Ghl.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, customValues.StatusCode);

        var row = await WithDbAsync(db => db.LocationTokens.AsNoTracking().SingleAsync(t => t.LocationId == locationId));
        Assert.Equal(SandboxGhl.NorthStar, row.AgencyId);
        Assert.Equal("k1", row.KeyId);
        Assert.False(Contains(row.AccessTokenCipher, token.AccessToken), "The access token is stored in plaintext.");
        Assert.True(Math.Abs((row.ExpiresAt - token.ExpiresAt).TotalSeconds) < 1);
    }

    [Fact]
    public async Task LocationToken_CachedTokenInsideTheRefreshMargin_IsMintedAgain()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);
        var first = await world.TokenAsync(SandboxGhl.NorthStar, locationId);
        await WithDbAsync(db => db.LocationTokens.Where(t => t.LocationId == locationId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(5))));
        var mark = await world.Ghl.JournalMarkAsync();

        var second = await world.TokenAsync(SandboxGhl.NorthStar, locationId);
        var third = await world.TokenAsync(SandboxGhl.NorthStar, locationId);

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(second.AccessToken, third.AccessToken);
        Assert.Single(await world.Ghl.JournalAsync(LocationTokenPath, mark));
    }

    [Fact]
    public async Task Refresh_AgencyRejectedToken_RefreshesOnceAndAnOldTokenGetsTheCurrentOne()
    {
        var rejected = (await world.TokenAsync(SandboxGhl.NorthStar)).AccessToken;
        var mark = await world.Ghl.JournalMarkAsync();

        var refreshed = await RefreshAsync(SandboxGhl.NorthStar, null, rejected);
        var again = await RefreshAsync(SandboxGhl.NorthStar, null, rejected);

        Assert.NotEqual(rejected, refreshed.AccessToken);
        Assert.Equal("agency", refreshed.TokenType);
        Assert.Equal(refreshed.AccessToken, again.AccessToken);
        Assert.Equal(refreshed.AccessToken, (await world.TokenAsync(SandboxGhl.NorthStar)).AccessToken);
        Assert.Single(await world.Ghl.JournalAsync(TokenPath, mark));
    }

    [Fact]
    public async Task Refresh_LocationRejectedToken_MintsOnceAndAnOldTokenGetsTheCurrentOne()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);
        var rejected = (await world.TokenAsync(SandboxGhl.NorthStar, locationId)).AccessToken;
        var mark = await world.Ghl.JournalMarkAsync();

        var refreshed = await RefreshAsync(SandboxGhl.NorthStar, locationId, rejected);
        var again = await RefreshAsync(SandboxGhl.NorthStar, locationId, rejected);

        Assert.NotEqual(rejected, refreshed.AccessToken);
        Assert.Equal("location", refreshed.TokenType);
        Assert.Equal(refreshed.AccessToken, again.AccessToken);
        Assert.Equal(refreshed.AccessToken, (await world.TokenAsync(SandboxGhl.NorthStar, locationId)).AccessToken);
        Assert.Single(await world.Ghl.JournalAsync(LocationTokenPath, mark));
    }

    [Fact]
    public async Task Refresh_WithoutRejectedToken_Returns400NamingTheField()
    {
        using var service = world.Service();

        using var response = await service.PostAsJsonAsync("/internal/ghl/token/refresh", new { agencyId = SandboxGhl.NorthStar });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("rejectedToken", out _));
    }

    [Theory]
    [InlineData(ConnectionState.NeedsReconnect, null)]
    [InlineData(ConnectionState.NeedsReconnect, "loc-of-a-lost-agency")]
    [InlineData(ConnectionState.Disconnected, null)]
    public async Task Token_AgencyNotConnected_Returns409(ConnectionState state, string? locationId)
    {
        var agencyId = TestAgency.NewCompanyId();
        await WithDbAsync(async db =>
        {
            db.Agencies.Add(new Agency { Id = agencyId, Name = "Lost agency", State = state, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var mark = await world.Ghl.JournalMarkAsync();
        using var service = world.Service();

        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { agencyId, locationId });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Agency not connected", problem.GetProperty("title").GetString());
        Assert.Equal(state.ToString(), problem.GetProperty("state").GetString());
        Assert.Empty(await world.Ghl.JournalAsync("/oauth", mark));
    }

    [Fact]
    public async Task Token_UnknownAgency_Returns409()
    {
        using var service = world.Service();

        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { agencyId = TestAgency.NewCompanyId() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task LocationToken_LocationOfAnotherAgency_Returns403AndStoresNothing()
    {
        var peakLocation = await world.NewLocationAsync(SandboxGhl.PeakLocal);
        using var service = world.Service();

        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { agencyId = SandboxGhl.NorthStar, locationId = peakLocation });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("locationId", problem.GetProperty("field").GetString());
        Assert.False(await WithDbAsync(db => db.LocationTokens.AnyAsync(t => t.LocationId == peakLocation)));
    }

    [Fact]
    public async Task LocationToken_UnknownLocation_Returns404()
    {
        using var service = world.Service();

        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { agencyId = SandboxGhl.NorthStar, locationId = "NoSuchLocation0000001" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Location not found", problem.GetProperty("title").GetString());
    }

    private async Task<SandboxWorld.TokenAnswer> RefreshAsync(string agencyId, string? locationId, string rejectedToken)
    {
        using var service = world.Service();
        using var response = await service.PostAsJsonAsync("/internal/ghl/token/refresh", new { agencyId, locationId, rejectedToken });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SandboxWorld.TokenAnswer>())!;
    }

    private async Task<T> WithDbAsync<T>(Func<AuthDbContext, Task<T>> action)
    {
        await using var scope = world.Host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuthDbContext>());
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
