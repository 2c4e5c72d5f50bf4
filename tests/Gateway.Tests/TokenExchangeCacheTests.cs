using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Gateway.TokenExchange;

namespace Provisioner.Gateway.Tests;

/// <summary>The cache on its own, in front of a scripted AuthService whose answers the test releases.</summary>
public sealed class TokenExchangeCacheTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly ScriptedAuthService auth = new();
    private readonly TokenExchangeCache cache;

    public TokenExchangeCacheTests()
    {
        var client = new AuthTokenClient(auth, NullLogger<AuthTokenClient>.Instance);
        cache = new TokenExchangeCache(client, Options.Create(new TokenExchangeOptions()), clock);
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallersWithOneCredential_ShareOneExchange()
    {
        var credential = new GatewayCredential(CredentialKind.ApiKey, "pvk_shared");

        var waiting = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(credential, CancellationToken.None)).ToList();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        Assert.Equal(1, auth.Calls);
        auth.Answer(HttpStatusCode.OK);
        var outcomes = await Task.WhenAll(waiting);

        Assert.All(outcomes, o => Assert.Equal("jwt-1", o.Jwt));
    }

    [Fact]
    public async Task GetAsync_CallerGivesUp_SharedExchangeStillServesTheOthers()
    {
        var credential = new GatewayCredential(CredentialKind.SessionCookie, "provisioner.session=abc");
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync(credential, impatient.Token);
        var second = cache.GetAsync(credential, CancellationToken.None);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(1, auth.Calls);
        auth.Answer(HttpStatusCode.OK);

        Assert.Equal("jwt-1", (await second).Jwt);
    }

    [Fact]
    public async Task GetAsync_Refusal_IsSharedButNotKept()
    {
        var credential = new GatewayCredential(CredentialKind.ApiKey, "pvk_revoked");

        var waiting = new[] { cache.GetAsync(credential, CancellationToken.None), cache.GetAsync(credential, CancellationToken.None) };
        Assert.Equal(1, auth.Calls);
        auth.Answer(HttpStatusCode.Unauthorized);
        var refused = await Task.WhenAll(waiting);
        var again = cache.GetAsync(credential, CancellationToken.None);
        auth.Answer(HttpStatusCode.Forbidden);

        Assert.All(refused, o => Assert.Equal(ExchangeStatus.Rejected, o.Status));
        Assert.Equal(ExchangeStatus.Rejected, (await again).Status);
        Assert.Equal(2, auth.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task GetAsync_WithinMaxAge_ReusesTheJwt_ThenExpiredCredentialsAreSwept()
    {
        var first = new GatewayCredential(CredentialKind.ApiKey, "pvk_first");
        var second = new GatewayCredential(CredentialKind.ApiKey, "pvk_second");

        var issued = cache.GetAsync(first, CancellationToken.None);
        auth.Answer(HttpStatusCode.OK);
        await issued;
        clock.Advance(TimeSpan.FromSeconds(29));
        var cached = cache.GetAsync(first, CancellationToken.None);
        Assert.True(cached.IsCompletedSuccessfully, "Within MaxAge the JWT must come from the cache.");
        clock.Advance(TimeSpan.FromSeconds(1));
        var other = cache.GetAsync(second, CancellationToken.None);
        auth.Answer(HttpStatusCode.OK);
        await other;

        Assert.Equal("jwt-1", (await cached).Jwt);
        Assert.Equal(2, auth.Calls);
        Assert.Equal(1, cache.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task GetAsync_AuthServiceError_IsUnavailable(HttpStatusCode status)
    {
        var pending = cache.GetAsync(new GatewayCredential(CredentialKind.ApiKey, "pvk_x"), CancellationToken.None);
        auth.Answer(status);

        Assert.Equal(ExchangeStatus.Unavailable, (await pending).Status);
    }

    [Fact]
    public async Task GetAsync_AnswerWithoutToken_IsUnavailable()
    {
        var pending = cache.GetAsync(new GatewayCredential(CredentialKind.ApiKey, "pvk_x"), CancellationToken.None);
        auth.Answer(HttpStatusCode.OK, "{\"token_type\":\"Bearer\"}");

        Assert.Equal(ExchangeStatus.Unavailable, (await pending).Status);
    }

    [Fact]
    public async Task GetAsync_MalformedKey_IsAskedAndRefusedByAuthService()
    {
        var pending = cache.GetAsync(new GatewayCredential(CredentialKind.ApiKey, "pvk_with space,and\"quote"), CancellationToken.None);
        Assert.Equal(1, auth.Calls);
        auth.Answer(HttpStatusCode.Unauthorized);

        Assert.Equal(ExchangeStatus.Rejected, (await pending).Status);
        Assert.Equal("Bearer pvk_with space,and\"quote", auth.LastAuthorization);
    }

    [Fact]
    public void Credential_ToString_NeverShowsTheSecret()
    {
        var credential = new GatewayCredential(CredentialKind.ApiKey, "pvk_secret");

        Assert.DoesNotContain("pvk_secret", credential.ToString());
        Assert.DoesNotContain("pvk_secret", credential.CacheKey);
        Assert.DoesNotContain("jwt", ExchangeOutcome.Issued("jwt-secret", TimeSpan.FromMinutes(5)).ToString());
    }

    /// <summary>
    /// An IHttpClientFactory whose AuthService holds each call until the test answers it, so "concurrent" is exact:
    /// every caller is waiting before the one exchange completes.
    /// </summary>
    private sealed class ScriptedAuthService : HttpMessageHandler, IHttpClientFactory
    {
        private readonly Queue<TaskCompletionSource<HttpResponseMessage>> pending = new();
        private int calls;
        private int issued;

        public int Calls => Volatile.Read(ref calls);

        public string? LastAuthorization { get; private set; }

        public HttpClient CreateClient(string name) =>
            new(this, disposeHandler: false) { BaseAddress = new Uri("http://auth") };

        /// <summary>Answers the oldest call still waiting (a call must have arrived: the cache calls synchronously).</summary>
        public void Answer(HttpStatusCode status, string? body = null)
        {
            TaskCompletionSource<HttpResponseMessage> next;
            lock (pending)
            {
                next = pending.Dequeue();
            }

            body ??= status == HttpStatusCode.OK
                ? $"{{\"access_token\":\"jwt-{Interlocked.Increment(ref issued)}\",\"token_type\":\"Bearer\",\"expires_in\":300}}"
                : string.Empty;
            next.SetResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            LastAuthorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null;
            var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (pending)
            {
                pending.Enqueue(answer);
            }

            return answer.Task;
        }
    }
}
