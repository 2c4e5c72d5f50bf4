using System.Net;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.AuthService.Tests;

/// <summary>A scripted GHL (WireMock) for the OAuth token and company endpoints, with a request journal to count calls.</summary>
public sealed class FakeGhl : IDisposable
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "test-client-secret";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    /// <summary>Makes a fresh authorization code that exchanges for the given agency token pair.</summary>
    public string AllowCode(string companyId, string ghlUserId, string accessToken, string refreshToken, string companyName = "Acme Agency")
    {
        var code = "code-" + Guid.NewGuid().ToString("N");
        Server.Given(Request.Create().WithPath("/oauth/token").UsingPost().WithBody(new WildcardMatcher($"*&code={code}&*")))
            .RespondWith(Json(new
            {
                access_token = accessToken, token_type = "Bearer", expires_in = 86399, refresh_token = refreshToken,
                scope = "locations.readonly companies.readonly", userType = "Company", companyId, userId = ghlUserId,
            }));
        Server.Given(Request.Create().WithPath($"/companies/{companyId}").UsingGet().WithHeader("Version", "2021-07-28"))
            .RespondWith(Json(new { company = new { id = companyId, name = companyName } }));
        return code;
    }

    /// <summary>Refreshing <paramref name="presented"/> succeeds with the new pair, after <paramref name="delay"/> (so concurrent callers overlap).</summary>
    public void AnswerRefresh(string presented, string accessToken, string refreshToken, TimeSpan delay) =>
        Server.Given(RefreshOf(presented))
            .RespondWith(Json(new
            {
                access_token = accessToken, token_type = "Bearer", expires_in = 86399, refresh_token = refreshToken, userType = "Company",
            }).WithDelay(delay));

    /// <summary>Refreshing <paramref name="presented"/> is refused as GHL does for a spent or revoked refresh token.</summary>
    public void RejectRefresh(string presented) =>
        Server.Given(RefreshOf(presented))
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.BadRequest).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":"invalid_grant","error_description":"Invalid grant: refresh token is invalid"}"""));

    /// <summary>How many refreshes presented this refresh token (tests that share the fake count their own).</summary>
    public int RefreshCount(string presented) => Server.LogEntries.Count(e =>
        e.RequestMessage.Path == "/oauth/token" && (e.RequestMessage.Body ?? "").Contains($"refresh_token={presented}&", StringComparison.Ordinal));

    public void Dispose() => Server.Stop();

    private static IRequestBuilder RefreshOf(string presented) =>
        Request.Create().WithPath("/oauth/token").UsingPost()
            .WithBody(new WildcardMatcher($"*grant_type=refresh_token&refresh_token={presented}&*"));

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBodyAsJson(body);
}
