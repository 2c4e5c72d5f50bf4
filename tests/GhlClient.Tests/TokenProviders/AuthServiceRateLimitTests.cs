using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.GhlClient.TokenProviders;

namespace Provisioner.GhlClient.Tests.TokenProviders;

/// <summary>
/// GHL's 429 on a token refresh travels: AuthService answers 503 with <c>Retry-After</c>; this side waits that long
/// before asking again (ServiceDefaults' retry) and, when it gives up, puts the wait on the exception for the caller.
/// </summary>
public sealed class AuthServiceRateLimitTests
{
    private const string Agency = "agency-rl";

    [Fact]
    public async Task RefreshAsync_AuthService503WithRetryAfter_ThrowsTransientWithTheWait()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Respond = _ => RateLimited(TimeSpan.FromSeconds(7));

        var error = await Assert.ThrowsAsync<GhlApiException>(
            async () => await host.Provider.RefreshAsync(GhlTokenRequest.Agency(Agency), "rejected-token", CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Contains("answered 429", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_AuthService502WithoutRetryAfter_ThrowsWithoutAWait()
    {
        await using var host = TokenProviderHost.Create();
        host.Auth.Respond = _ => FakeAuthService.Problem(HttpStatusCode.BadGateway, "GHL unavailable", "POST /oauth/token (refresh_token) answered 500.");

        var error = await Assert.ThrowsAsync<GhlApiException>(
            async () => await host.Provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.RetryAfter);
    }

    // Behind ServiceDefaults (as every service runs it): the retry waits the announced 3 s, not its own 2 s backoff
    // with jitter (which would be 1-3 s), before asking AuthService again. Real time: the wait is what is tested.
    [Fact]
    public async Task GetTokenAsync_BehindServiceDefaults_WaitsAuthServicesRetryAfterBeforeAskingAgain()
    {
        var auth = new FakeAuthService(TimeProvider.System);
        var calls = new List<long>();
        auth.Respond = recorded =>
        {
            lock (calls)
            {
                calls.Add(Stopwatch.GetTimestamp());
                return calls.Count == 1
                    ? RateLimited(TimeSpan.FromSeconds(3))
                    : FakeAuthService.Token("fresh-token", DateTimeOffset.UtcNow.AddHours(1), "agency");
            }
        };
        using var host = BuildBehindServiceDefaults(auth);
        var provider = host.Services.GetRequiredService<IGhlTokenProvider>();

        var token = await provider.GetTokenAsync(GhlTokenRequest.Agency(Agency), CancellationToken.None);

        Assert.Equal("fresh-token", token);
        Assert.Equal(2, calls.Count);
        var waited = Stopwatch.GetElapsedTime(calls[0], calls[1]);
        Assert.True(waited >= TimeSpan.FromSeconds(2.9), $"asked again after {waited.TotalSeconds:0.00} s, Retry-After was 3 s");
    }

    private static IHost BuildBehindServiceDefaults(FakeAuthService auth)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GhlTokenProviderOptions:InternalKey"] = TokenProviderHost.InternalKey,
            ["GhlTokenProviderOptions:BaseAddress"] = "http://auth.test",
        });
        builder.AddServiceDefaults();
        builder.AddGhlTokensFromAuthService();
        builder.Services.AddHttpClient<AuthServiceGhlTokenProvider>().ConfigurePrimaryHttpMessageHandler(() => auth);
        return builder.Build();
    }

    /// <summary>What AuthService answers when GHL answered its token call 429 (InternalTokenApi).</summary>
    private static HttpResponseMessage RateLimited(TimeSpan retryAfter)
    {
        var response = FakeAuthService.Problem(
            HttpStatusCode.ServiceUnavailable, "GHL rate limited",
            $"POST /oauth/token (refresh_token) answered 429. Retry after {retryAfter.TotalSeconds:0} s.");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }
}
