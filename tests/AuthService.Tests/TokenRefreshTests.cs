using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Tokens;
using Provisioner.Contracts.Auth;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

public sealed class TokenRefreshTests(RefreshWorldFixture fixture) : IClassFixture<RefreshWorldFixture>
{
    private static readonly TimeSpan GhlLatency = TimeSpan.FromMilliseconds(300);

    private TestAgency World => fixture.World;

    [Fact]
    public async Task GetAccessToken_FiftyConcurrentCallersOnExpiredToken_RefreshOnceAndAllGetNewToken()
    {
        var (companyId, oldRefresh, newAccess) = await ConnectExpiredAsync();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => GetTokenAsync(World.Host, companyId)));

        Assert.All(tokens, t => Assert.Equal(newAccess, t.AccessToken));
        Assert.Equal(1, World.Ghl.RefreshCount(oldRefresh));
    }

    [Fact]
    public async Task GetAccessToken_FiftyCallersOnTwoInstances_RefreshOnce()
    {
        await using var second = new AuthHost(World.Database.ConnectionString, World.Ghl.Url, rabbitMq: World.Broker.AmqpUri);
        _ = second.Services; // start the second instance before the race
        var (companyId, oldRefresh, newAccess) = await ConnectExpiredAsync();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => GetTokenAsync(i % 2 == 0 ? World.Host : second, companyId)));

        Assert.All(tokens, t => Assert.Equal(newAccess, t.AccessToken));
        Assert.Equal(1, World.Ghl.RefreshCount(oldRefresh));
    }

    [Fact]
    public async Task Refresh_FiftyCallersRejectingSameVersion_RefreshOnce()
    {
        var companyId = TestAgency.NewCompanyId();
        var (oldAccess, oldRefresh, newAccess) = ($"at-{companyId}", $"rt-{companyId}", $"at-new-{companyId}");
        await World.ConnectAsync(companyId, "u1", oldAccess, oldRefresh);
        World.Ghl.AnswerRefresh(oldRefresh, newAccess, $"rt-new-{companyId}", GhlLatency);
        var current = await GetTokenAsync(World.Host, companyId);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await using var scope = World.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AgencyTokenService>().RefreshAsync(companyId, current.Version, default);
        })));

        Assert.Equal(oldAccess, current.AccessToken);
        Assert.All(tokens, t => Assert.Equal(newAccess, t.AccessToken));
        Assert.Equal(1, World.Ghl.RefreshCount(oldRefresh));
    }

    [Fact]
    public async Task Refresh_TwentyCallersRejectingSameAccessToken_RefreshOnce()
    {
        var companyId = TestAgency.NewCompanyId();
        var (oldAccess, oldRefresh, newAccess) = ($"at-{companyId}", $"rt-{companyId}", $"at-new-{companyId}");
        await World.ConnectAsync(companyId, "u1", oldAccess, oldRefresh);
        World.Ghl.AnswerRefresh(oldRefresh, newAccess, $"rt-new-{companyId}", GhlLatency);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var scope = World.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AgencyTokenService>().RefreshAsync(companyId, oldAccess, default);
        })));

        Assert.All(tokens, t => Assert.Equal(newAccess, t.AccessToken));
        Assert.Equal(1, World.Ghl.RefreshCount(oldRefresh));
    }

    [Fact]
    public async Task GetAccessToken_RefreshRejected_MarksNeedsReconnectAndPublishesOnce()
    {
        var companyId = TestAgency.NewCompanyId();
        var oldRefresh = $"rt-{companyId}";
        var browser = await World.ConnectAsync(companyId, "u1", $"at-{companyId}", oldRefresh);
        World.Ghl.RejectRefresh(oldRefresh);
        await ExpireAsync(World.Host, companyId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Record.ExceptionAsync(() => GetTokenAsync(World.Host, companyId))));
        var later = await Record.ExceptionAsync(() => GetTokenAsync(World.Host, companyId));

        Assert.All(outcomes.Append(later), e => Assert.Equal(ConnectionState.NeedsReconnect, Assert.IsType<AgencyNotConnectedException>(e).State));
        Assert.Equal(1, World.Ghl.RefreshCount(oldRefresh));
        await World.Host.Events.SingleAsync<AgencyNeedsReconnect>(m => m.AgencyId == companyId);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("NeedsReconnect", me.GetProperty("agency").GetProperty("connectionState").GetString());
    }

    [Fact]
    public async Task TokenRefreshService_TokenInsideMargin_IsRefreshedInBackground()
    {
        var companyId = TestAgency.NewCompanyId();
        var (oldRefresh, newAccess) = ($"rt-{companyId}", $"at-new-{companyId}");
        await World.ConnectAsync(companyId, "u1", $"at-{companyId}", oldRefresh);
        World.Ghl.AnswerRefresh(oldRefresh, newAccess, $"rt-new-{companyId}", TimeSpan.FromMilliseconds(1));

        await ExpireAsync(World.Host, companyId, DateTimeOffset.UtcNow.AddMinutes(5));

        await Eventually.TrueAsync(() => Task.FromResult(World.Ghl.RefreshCount(oldRefresh) >= 1), TimeSpan.FromSeconds(30), "a background refresh");
        var token = await Eventually.GetAsync(
            () => GetTokenAsync(World.Host, companyId), t => t.AccessToken == newAccess, TimeSpan.FromSeconds(10), "the refreshed token");
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(23));
        Assert.Equal(1, World.Ghl.RefreshCount(oldRefresh));
    }

    /// <summary>Connects a fresh agency with unique tokens, scripts its refresh, and expires its access token.</summary>
    private async Task<(string CompanyId, string OldRefresh, string NewAccess)> ConnectExpiredAsync()
    {
        var companyId = TestAgency.NewCompanyId();
        var (oldRefresh, newAccess) = ($"rt-{companyId}", $"at-new-{companyId}");
        await World.ConnectAsync(companyId, "u1", $"at-{companyId}", oldRefresh);
        World.Ghl.AnswerRefresh(oldRefresh, newAccess, $"rt-new-{companyId}", GhlLatency);
        await ExpireAsync(World.Host, companyId);
        return (companyId, oldRefresh, newAccess);
    }

    internal static Task<AgencyAccessToken> GetTokenAsync(AuthHost host, string companyId) => Task.Run(async () =>
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AgencyTokenService>().GetAccessTokenAsync(companyId, default);
    });

    internal static async Task ExpireAsync(AuthHost host, string companyId, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await db.AgencyTokens.Where(t => t.AgencyId == companyId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, when));
        await db.Agencies.Where(a => a.Id == companyId).ExecuteUpdateAsync(s => s.SetProperty(a => a.TokenExpiresAt, when));
    }
}
