using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuthService.Data;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Tests;

public sealed class ConnectFlowTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    private TestAgency World => fixture.World;

    [Fact]
    public async Task Connect_RedirectsToGhlWithScopesAndState()
    {
        var world = World;
        var browser = world.Host.Browser();

        var start = await browser.GetAsync("/api/auth/connect");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!;
        Assert.Equal("/oauth/chooselocation", location.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeGhl.ClientId, query["client_id"]);
        Assert.Contains("oauth.write", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.True(query["state"].ToString().Length >= 40);
        var cookie = Assert.Single(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("provisioner.connect=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Callback_ValidStateAndCode_SignsInFirstUserAsAdminAndStoresAgency()
    {
        var world = World;
        var companyId = TestAgency.NewCompanyId();

        var browser = await world.ConnectAsync(companyId, "ghl-user-1");
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal("admin", me.GetProperty("role").GetString());
        var agency = me.GetProperty("agency");
        Assert.Equal(companyId, agency.GetProperty("id").GetString());
        Assert.Equal("Acme Agency", agency.GetProperty("name").GetString());
        Assert.Equal("Connected", agency.GetProperty("connectionState").GetString());
        Assert.Contains("companies.readonly", agency.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(agency.GetProperty("tokenExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        Assert.DoesNotContain("at-initial", me.GetRawText(), StringComparison.Ordinal);
        await world.Host.Events.WaitForAsync<AgencyConnected>(m => m.AgencyId == companyId && m.AgencyName == "Acme Agency");
        await world.Host.Events.WaitForAsync<UserSignedIn>(m => m.AgencyId == companyId && m.Role == "admin");
    }

    [Fact]
    public async Task Callback_SecondUserOfAgency_IsViewer()
    {
        var world = World;
        var companyId = TestAgency.NewCompanyId();
        await world.ConnectAsync(companyId, "ghl-user-1");

        var second = await world.ConnectAsync(companyId, "ghl-user-2");

        var me = await second.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("viewer", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Callback_UnknownState_IsRejected()
    {
        var world = World;
        var browser = world.Host.Browser();
        await TestAgency.StartConnectAsync(browser);
        var code = world.Ghl.AllowCode(TestAgency.NewCompanyId(), "u1", "at", "rt");

        var response = await browser.GetAsync($"/api/auth/callback?code={code}&state=forged-state");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "state");
        Assert.DoesNotContain(world.Ghl.Server.LogEntries, e => (e.RequestMessage.Body ?? "").Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_ReusedState_IsRejected()
    {
        var world = World;
        var companyId = TestAgency.NewCompanyId();
        var browser = world.Host.Browser();
        var state = await TestAgency.StartConnectAsync(browser);
        var code = world.Ghl.AllowCode(companyId, "u1", "at", "rt");
        var first = await browser.GetAsync($"/api/auth/callback?code={code}&state={state}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // Same browser, same state: the cookie is gone and the row was burned on first use.
        var again = await browser.GetAsync($"/api/auth/callback?code={code}&state={state}");

        await AssertProblemAsync(again, HttpStatusCode.BadRequest, "state");
    }

    [Fact]
    public async Task Callback_ExpiredState_IsRejected()
    {
        var world = World;
        var browser = world.Host.Browser();
        var state = await TestAgency.StartConnectAsync(browser);
        await using (var scope = world.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(state));
            var updated = await db.OAuthStates.Where(s => s.StateHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
            Assert.Equal(1, updated);
        }

        var code = world.Ghl.AllowCode(TestAgency.NewCompanyId(), "u1", "at", "rt");
        var response = await browser.GetAsync($"/api/auth/callback?code={code}&state={state}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "state");
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_StateFromAnotherBrowser_IsRejected()
    {
        var world = World;
        var victim = world.Host.Browser();
        var state = await TestAgency.StartConnectAsync(victim);
        var attacker = world.Host.Browser();
        var code = world.Ghl.AllowCode(TestAgency.NewCompanyId(), "u1", "at", "rt");

        var response = await attacker.GetAsync($"/api/auth/callback?code={code}&state={state}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "state");
        Assert.Contains("browser", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ConsentDenied_IsForbiddenAndSignsNobodyIn()
    {
        var world = World;
        var browser = world.Host.Browser();
        var state = await TestAgency.StartConnectAsync(browser);

        var response = await browser.GetAsync($"/api/auth/callback?error=access_denied&state={state}");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "error");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Callback_CodeRejectedByGhl_IsBadRequestNamingCode()
    {
        var world = World;
        var browser = world.Host.Browser();
        var state = await TestAgency.StartConnectAsync(browser);

        // No mapping for this code: WireMock answers 404, which the flow reports as a failed exchange.
        var response = await browser.GetAsync($"/api/auth/callback?code=unknown-code&state={state}");

        await AssertProblemAsync(response, HttpStatusCode.BadGateway, "code");
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var named = problem.TryGetProperty("field", out var f) ? f.GetString()
            : problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().First().Name : null;
        Assert.Equal(field, named);
        return problem;
    }
}
