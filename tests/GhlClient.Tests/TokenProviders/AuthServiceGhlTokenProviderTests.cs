using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient.Tests.Support;

namespace Provisioner.GhlClient.Tests.TokenProviders;

public sealed class AuthServiceGhlTokenProviderTests
{
    private const string Agency = "agency-1";

    [Fact]
    public async Task GetTokenAsync_Twice_AsksAuthServiceOnceWithTheInternalKey()
    {
        await using var host = TokenProviderHost.Create();

        var first = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);
        var second = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);

        Assert.Equal(first, second);
        var request = Assert.Single(host.Auth.Requests);
        Assert.Equal("/internal/ghl/token", request.Path);
        Assert.Equal(TokenProviderHost.InternalKey, request.Key);
        Assert.Equal(Agency, request.Get("agencyId"));
        Assert.Null(request.Get("locationId"));
    }

    [Fact]
    public async Task GetTokenAsync_AgencyAndLocations_AreCachedSeparately()
    {
        await using var host = TokenProviderHost.Create();

        var agency = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);
        var location = await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1", Agency), CancellationToken.None);
        var otherAgencysLocation = await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1", "agency-2"), CancellationToken.None);
        await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1", Agency), CancellationToken.None);

        Assert.Equal(3, new[] { agency, location, otherAgencysLocation }.Distinct().Count());
        Assert.Equal(3, host.Auth.Calls);
        Assert.Contains(host.Auth.Requests, r => r.Get("agencyId") == "agency-2" && r.Get("locationId") == "loc-1");
    }

    [Fact]
    public async Task GetTokenAsync_LessThanSixtySecondsBeforeExpiry_FetchesAgain()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Lifetime = TimeSpan.FromMinutes(10);
        var first = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);

        host.Clock.Advance(TimeSpan.FromMinutes(9) - TimeSpan.FromSeconds(1));
        var stillCached = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var renewed = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);

        Assert.Equal(first, stillCached);
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, host.Auth.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_TwentyConcurrentCallers_AskOnce()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Delay = TimeSpan.FromMilliseconds(100);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1", Agency), CancellationToken.None))));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, host.Auth.Calls);
    }

    [Fact]
    public async Task RefreshAsync_CurrentTokenRejected_CallsTheRefreshEndpointOnceForConcurrentCallers()
    {
        await using var host = TokenProviderHost.Create();
        var request = GhlTokenRequest.Location("loc-1", Agency);
        var rejected = await host.Provider.GetTokenAsync(request, CancellationToken.None);
        host.Auth.Delay = TimeSpan.FromMilliseconds(100);

        var refreshed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(async () => await host.Provider.RefreshAsync(request, rejected, CancellationToken.None))));
        var afterwards = await host.Provider.GetTokenAsync(request, CancellationToken.None);

        var fresh = Assert.Single(refreshed.Distinct());
        Assert.NotEqual(rejected, fresh);
        Assert.Equal(fresh, afterwards);
        var call = Assert.Single(host.Auth.Requests, r => r.Path == "/internal/ghl/token/refresh");
        Assert.Equal(rejected, call.Get("rejectedToken"));
        Assert.Equal("loc-1", call.Get("locationId"));
        Assert.Equal(TokenProviderHost.InternalKey, call.Key);
        Assert.Equal(2, host.Auth.Calls);
    }

    [Fact]
    public async Task RefreshAsync_AnOlderTokenRejected_ReturnsTheCachedOneWithoutAsking()
    {
        await using var host = TokenProviderHost.Create();
        var current = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);

        var answer = await host.Provider.RefreshAsync(GhlTokenRequest.Agency(Agency), "an-older-token", CancellationToken.None);

        Assert.Equal(current, answer);
        Assert.Equal(1, host.Auth.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_LocationWithoutCompanyId_UsesTheAgencyScope()
    {
        await using var host = TokenProviderHost.Create();

        using (GhlAgencyScope.Begin("outer-agency"))
        {
            using (GhlAgencyScope.Begin(Agency))
            {
                await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1"), CancellationToken.None);
            }

            Assert.Equal("outer-agency", GhlAgencyScope.Current);
            await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-2"), CancellationToken.None);
        }

        Assert.Null(GhlAgencyScope.Current);
        Assert.Equal([(Agency, "loc-1"), ("outer-agency", "loc-2")], host.Auth.Requests.Select(r => (r.Get("agencyId"), r.Get("locationId"))));
    }

    [Fact]
    public async Task GetTokenAsync_LocationWithoutCompanyIdOrScope_ThrowsNamingTheFix()
    {
        await using var host = TokenProviderHost.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1"), CancellationToken.None));

        Assert.Contains("loc-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("GhlAgencyScope.Begin", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Auth.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_AgencyNeedsReconnect_ThrowsGhlAgencyNotConnectedException()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Respond = _ => FakeAuthService.Problem(
            HttpStatusCode.Conflict, "Agency not connected", "Agency agency-1 is NeedsReconnect; an admin must connect it again.", "NeedsReconnect");

        var error = await Assert.ThrowsAsync<GhlAgencyNotConnectedException>(
            async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-1", Agency), CancellationToken.None));

        Assert.Equal(Agency, error.AgencyId);
        Assert.Equal("NeedsReconnect", error.State);
        Assert.Contains(Agency, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenProviderHost.InternalKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_AgencyNeedsReconnect_ThrowsWithoutTheRejectedTokenInTheMessage()
    {
        await using var host = TokenProviderHost.Create();
        var rejected = await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);
        host.Auth.Respond = _ => FakeAuthService.Problem(HttpStatusCode.Conflict, "Agency not connected", "Agency agency-1 is NeedsReconnect.", "NeedsReconnect");

        var error = await Assert.ThrowsAsync<GhlAgencyNotConnectedException>(
            async () => await host.Provider.RefreshAsync(GhlTokenRequest.Agency(Agency), rejected, CancellationToken.None));

        Assert.DoesNotContain(rejected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_KeyRefused_ThrowsWithoutTheKey()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Respond = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None));

        Assert.Contains("GhlTokenProviderOptions:InternalKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenProviderHost.InternalKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    public async Task GetTokenAsync_LocationRefusedOrGhlDown_ThrowsGhlApiExceptionWithTheStatus(HttpStatusCode status, bool transient)
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Respond = _ => FakeAuthService.Problem(status, "Location not accessible", "Location loc-9 is not accessible to agency agency-1.");

        var error = await Assert.ThrowsAsync<GhlApiException>(
            async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Location("loc-9", Agency), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(transient, error.IsTransient);
        Assert.Contains("loc-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_AuthServiceUnreachable_ThrowsATransientGhlApiException()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Respond = _ => throw new HttpRequestException("connection refused");

        var error = await Assert.ThrowsAsync<GhlApiException>(
            async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task AddGhlTokensFromAuthService_AfterAnotherProvider_ReplacesIt()
    {
        await using var host = TokenProviderHost.Create(before: services => services.AddSingleton<IGhlTokenProvider>(new FakeTokenProvider()));

        Assert.IsType<Provisioner.GhlClient.TokenProviders.AuthServiceGhlTokenProvider>(host.Provider);
        Assert.Single(host.Host.Services.GetServices<IGhlTokenProvider>());
    }

    [Fact]
    public async Task Start_WithoutInternalKey_FailsNamingIt()
    {
        await using var host = TokenProviderHost.Create(new Dictionary<string, string?> { ["GhlTokenProviderOptions:InternalKey"] = "" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("InternalKey", error.Message, StringComparison.Ordinal);
    }
}
