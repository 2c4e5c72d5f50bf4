using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Provisioner.GhlSandbox.Tests;

public sealed class OAuthFlowTests
{
    private const string ConsentQuery =
        "/oauth/chooselocation?response_type=code&client_id=" + SandboxFactory.ClientId +
        "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fauth%2Fcallback&scope=locations.readonly%20locations.write&state=xyz";

    [Fact]
    public async Task ChooseLocation_ValidRequest_ShowsAgenciesWithApproveAndDeny()
    {
        using var factory = new SandboxFactory();
        var html = await factory.CreateClient().GetStringAsync(ConsentQuery);

        Assert.Contains("NorthStar Digital Marketing", html);
        Assert.Contains("Peak Local Media", html);
        Assert.Contains("value=\"approve\"", html);
        Assert.Contains("value=\"deny\"", html);
        Assert.Contains("name=\"state\" value=\"xyz\"", html);
    }

    [Fact]
    public async Task ChooseLocation_UnregisteredRedirectUri_RefusesWithoutRedirect()
    {
        using var factory = new SandboxFactory();
        using var response = await factory.CreateNoRedirectClient().GetAsync(
            ConsentQuery.Replace("127.0.0.1%3A8080", "evil.example", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ChooseLocation_ScopeNotConfiguredOnApp_ShowsCannotBeAdded()
    {
        using var factory = new SandboxFactory();
        using var response = await factory.CreateNoRedirectClient().GetAsync(
            ConsentQuery.Replace("locations.write", "locations.internal-access-only", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This integration cannot be added", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Approve_ExchangeThenRefresh_IssuesCompanyTokensAndEchoesState()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        const string state = "a b/c?d=é&x=1";

        var query = await session.ApproveAsync(SandboxFactory.NorthStarId, state);
        Assert.Equal(state, query["state"]);

        using var exchanged = await session.ExchangeAsync(GhlSession.CodeGrant(query["code"]));
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        var token = await GhlSession.JsonAsync(exchanged);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(86399, token.GetProperty("expires_in").GetInt32());
        Assert.Equal("Company", token.GetProperty("userType").GetString());
        Assert.Equal(SandboxFactory.NorthStarId, token.GetProperty("companyId").GetString());
        Assert.Equal("Ua1NsB3kLp9QwE5rT7yZ", token.GetProperty("userId").GetString());
        Assert.Contains("locations.write", token.GetProperty("scope").GetString());

        using var refreshed = await session.ExchangeAsync(GhlSession.RefreshGrant(token.GetProperty("refresh_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = await GhlSession.JsonAsync(refreshed);
        Assert.NotEqual(token.GetProperty("access_token").GetString(), next.GetProperty("access_token").GetString());
        Assert.NotEqual(token.GetProperty("refresh_token").GetString(), next.GetProperty("refresh_token").GetString());

        using var company = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", next.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, company.StatusCode);
    }

    [Fact]
    public async Task Deny_RedirectsWithAccessDeniedAndState()
    {
        using var factory = new SandboxFactory();
        var query = await new GhlSession(factory).ApproveAsync(SandboxFactory.NorthStarId, "s-1", decision: "deny");

        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("s-1", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Token_UnknownCode_Returns400InGhlShape()
    {
        using var factory = new SandboxFactory();
        using var response = await new GhlSession(factory).ExchangeAsync(GhlSession.CodeGrant("not-a-code"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await GhlSession.JsonAsync(response);
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Contains("authorization code", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Token_ReusedCode_Returns400()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var code = (await session.ApproveAsync(SandboxFactory.NorthStarId))["code"];
        using var first = await session.ExchangeAsync(GhlSession.CodeGrant(code));
        using var second = await session.ExchangeAsync(GhlSession.CodeGrant(code));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task Token_ReusedRefreshToken_Returns400AndRotatedOneStillWorks()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var refresh = (await session.CompanyTokenAsync()).GetProperty("refresh_token").GetString()!;
        using var first = await session.ExchangeAsync(GhlSession.RefreshGrant(refresh));
        using var reused = await session.ExchangeAsync(GhlSession.RefreshGrant(refresh));
        var rotated = (await GhlSession.JsonAsync(first)).GetProperty("refresh_token").GetString()!;
        using var third = await session.ExchangeAsync(GhlSession.RefreshGrant(rotated));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal(400, (await GhlSession.JsonAsync(reused)).GetProperty("statusCode").GetInt32());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Token_WrongClientSecret_Returns401()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var grant = GhlSession.CodeGrant((await session.ApproveAsync(SandboxFactory.NorthStarId))["code"]);
        grant["client_secret"] = "wrong-secret";
        using var response = await session.ExchangeAsync(grant);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await GhlSession.JsonAsync(response);
        Assert.Equal(401, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("Unauthorized", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ChooseLocation_AutoApprove_RedirectsAtOnceWithUsableCode()
    {
        using var factory = new SandboxFactory(new Dictionary<string, string?> { ["GhlSandbox:AutoApprove"] = "true" });
        var session = new GhlSession(factory);
        using var response = await session.Http.GetAsync(ConsentQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = GhlSession.RedirectQuery(response);
        Assert.Equal("xyz", query["state"]);
        using var exchanged = await session.ExchangeAsync(GhlSession.CodeGrant(query["code"]));
        Assert.Equal(SandboxFactory.NorthStarId, (await GhlSession.JsonAsync(exchanged)).GetProperty("companyId").GetString());
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetime_Returns401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new SandboxFactory(new Dictionary<string, string?> { ["GhlSandbox:AccessTokenLifetime"] = "01:00:00" }, time);
        var session = new GhlSession(factory);
        var token = await session.CompanyAccessTokenAsync();
        using var before = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", token);

        time.Advance(TimeSpan.FromMinutes(61));
        using var after = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Token_CodeOlderThanItsLifetime_Returns400()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new SandboxFactory(time: time);
        var session = new GhlSession(factory);
        var code = (await session.ApproveAsync(SandboxFactory.NorthStarId))["code"];

        time.Advance(TimeSpan.FromMinutes(11));
        using var response = await session.ExchangeAsync(GhlSession.CodeGrant(code));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Token_UserTypeLocationForAgencyGrant_Returns400()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var grant = GhlSession.CodeGrant((await session.ApproveAsync(SandboxFactory.NorthStarId))["code"]);
        grant["user_type"] = "Location";
        using var response = await session.ExchangeAsync(grant);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
