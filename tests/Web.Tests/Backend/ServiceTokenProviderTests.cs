extern alias web;

using System.Net;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Web.Tests.Components;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests.Backend;

public sealed class ServiceTokenProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CircuitCredentials _credentials = new();
    private int _issued;
    private HttpStatusCode _answer = HttpStatusCode.OK;

    [Fact]
    public async Task GetToken_CalledAgainBeforeExpiry_ExchangesOnceAndSendsTheCookie()
    {
        var (provider, handler) = Create();
        _credentials.Capture("provisioner.session=abc");

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("jwt-1", first.Value);
        Assert.Equal("jwt-1", second.Value);
        var request = Assert.Single(handler.Requests).Request;
        Assert.Equal(new Uri("http://auth/api/auth/token"), request.RequestUri);
        Assert.Equal("provisioner.session=abc", request.Headers.GetValues("Cookie").Single());
    }

    [Fact]
    public async Task GetToken_WithinThirtySecondsOfExpiry_ExchangesAgain()
    {
        var (provider, handler) = Create();
        _credentials.Capture("provisioner.session=abc");
        await provider.GetTokenAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(269));
        Assert.Equal("jwt-1", (await provider.GetTokenAsync(CancellationToken.None)).Value);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("jwt-2", (await provider.GetTokenAsync(CancellationToken.None)).Value);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetToken_WithoutSession_FailsWithoutCallingAuthService()
    {
        var (provider, handler) = Create();

        var result = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(BackendProblems.NotSignedIn, result.Problem);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetToken_WhenAuthServiceRejectsTheSession_ForgetsTheSession()
    {
        var (provider, _) = Create();
        _credentials.Capture("provisioner.session=expired");
        _answer = HttpStatusCode.Unauthorized;

        var result = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(401, result.Problem?.Status);
        Assert.False(_credentials.HasSession);
    }

    private (ServiceTokenProvider Provider, FakeHttpHandler Handler) Create()
    {
        var handler = new FakeHttpHandler((_, _) => _answer == HttpStatusCode.OK
            ? FakeHttpHandler.Json(HttpStatusCode.OK, $$"""{"access_token":"jwt-{{Interlocked.Increment(ref _issued)}}","token_type":"Bearer","expires_in":300}""")
            : new HttpResponseMessage(_answer));
        return (new ServiceTokenProvider(new AuthApiClient(new HttpClient(handler), _credentials), _time), handler);
    }
}
