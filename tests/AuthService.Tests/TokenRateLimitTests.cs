using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provisioner.AuthService.Ghl;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// GHL answering a token refresh with 429 is GHL's rate limit, not a gateway failure: the internal token API answers
/// 503 ProblemDetails with GHL's wait as <c>Retry-After</c> (issue 11, scenario 4), and the agency stays connected.
/// </summary>
public sealed class TokenRateLimitTests(RefreshWorldFixture fixture) : IClassFixture<RefreshWorldFixture>
{
    private TestAgency World => fixture.World;

    [Fact]
    public async Task Token_GhlAnswersTheRefresh429WithRetryAfter_Returns503WithThatRetryAfter()
    {
        var companyId = await ConnectExpiredAsync(r => r.WithHeader("Retry-After", "4"));

        using var response = await PostTokenAsync(companyId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("GHL rate limited", problem.GetProperty("title").GetString());
        Assert.Equal(4, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Contains("answered 429", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain($"rt-{companyId}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_GhlAnswers429WithOnlyItsBurstInterval_RetryAfterIsTheIntervalRoundedUp()
    {
        var companyId = await ConnectExpiredAsync(r => r.WithHeader("X-RateLimit-Interval-Milliseconds", "1500").WithHeader("X-RateLimit-Remaining", "0"));

        using var response = await PostTokenAsync(companyId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Token_AfterTheRateLimitPasses_RefreshesAndTheAgencyStayedConnected()
    {
        var companyId = await ConnectExpiredAsync(r => r.WithHeader("Retry-After", "1"));
        using (var limited = await PostTokenAsync(companyId))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        }

        World.Ghl.Server.Given(RefreshOf($"rt-{companyId}")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBodyAsJson(new
            {
                access_token = $"at-new-{companyId}", token_type = "Bearer", expires_in = 86399, refresh_token = $"rt-new-{companyId}", userType = "Company",
            }));
        using var response = await PostTokenAsync(companyId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"at-new-{companyId}", token.GetProperty("accessToken").GetString());
    }

    [Fact]
    public void RetryAfter_GhlHeaders_PrefersRetryAfterThenTheIntervalOfA429()
    {
        using var both = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        both.Headers.Add("Retry-After", "3");
        both.Headers.Add("X-RateLimit-Interval-Milliseconds", "10000");
        using var intervalOnly = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        intervalOnly.Headers.Add("X-RateLimit-Interval-Milliseconds", "2000");
        using var serverError = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        serverError.Headers.Add("X-RateLimit-Interval-Milliseconds", "2000");

        Assert.Equal(TimeSpan.FromSeconds(3), GhlOAuthGateway.RetryAfter(both));
        Assert.Equal(TimeSpan.FromSeconds(2), GhlOAuthGateway.RetryAfter(intervalOnly));
        Assert.Null(GhlOAuthGateway.RetryAfter(serverError));
    }

    /// <summary>Connects a fresh agency whose expired token's refresh GHL answers 429 with the given headers.</summary>
    private async Task<string> ConnectExpiredAsync(Func<IResponseBuilder, IResponseBuilder> headers)
    {
        var companyId = TestAgency.NewCompanyId();
        await World.ConnectAsync(companyId, "u1", $"at-{companyId}", $"rt-{companyId}");
        World.Ghl.Server.Given(RefreshOf($"rt-{companyId}")).AtPriority(2)
            .RespondWith(headers(Response.Create().WithStatusCode(HttpStatusCode.TooManyRequests).WithHeader("Content-Type", "application/json")
                .WithBody("""{"statusCode":429,"message":"Too many requests"}""")));
        await TokenRefreshTests.ExpireAsync(World.Host, companyId);
        return companyId;
    }

    private async Task<HttpResponseMessage> PostTokenAsync(string companyId)
    {
        using var service = World.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/ghl/token") { Content = JsonContent.Create(new { agencyId = companyId }) };
        request.Headers.Add("X-Internal-Key", AuthHost.InternalKey);
        return await service.SendAsync(request);
    }

    private static IRequestBuilder RefreshOf(string presented) =>
        Request.Create().WithPath("/oauth/token").UsingPost()
            .WithBody(new WildcardMatcher($"*grant_type=refresh_token&refresh_token={presented}&*"));
}
