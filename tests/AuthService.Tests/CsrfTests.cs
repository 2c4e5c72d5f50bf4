using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// CSRF (issue 11, scenario 7), AuthService's part: the session cookie is SameSite=Lax and HttpOnly, no state changes
/// on GET, and the JSON endpoints refuse the bodies an HTML form can send. The Origin check for same-site pages on
/// other origins is the gateway's (<c>CrossSiteRequestGuard</c>, tested in Gateway.Tests).
/// </summary>
public sealed class CsrfTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    [Fact]
    public async Task Connect_SessionAndNonceCookies_AreSameSiteLaxAndHttpOnly()
    {
        var world = fixture.World;
        var companyId = TestAgency.NewCompanyId();
        // No cookie handling: the test reads Set-Cookie as the browser would get it.
        using var raw = world.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var start = await raw.GetAsync("/api/auth/connect");
        var nonce = Assert.Single(start.Headers.GetValues("Set-Cookie"));
        var state = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
        var code = world.Ghl.AllowCode(companyId, "u1", "at-csrf", "rt-csrf");

        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/api/auth/callback?code={code}&state={state}");
        callback.Headers.Add("Cookie", nonce.Split(';')[0]);
        using var signedIn = await raw.SendAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("provisioner.session=", StringComparison.Ordinal));
        foreach (var cookie in new[] { nonce, session })
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("samesite=lax", attributes);
            Assert.Contains("httponly", attributes);
        }

        Assert.Contains("path=/", session.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/auth/logout")]
    [InlineData("/api/auth/disconnect")]
    [InlineData("/api/auth/token")]
    [InlineData("/api/auth/api-keys/3f1c2b7e-0000-4000-8000-000000000001")]
    public async Task StateChangingEndpoint_ReachedByGetWithTheCookie_ChangesNothing(string path)
    {
        var companyId = TestAgency.NewCompanyId();
        var browser = await fixture.World.ConnectAsync(companyId, "u1");

        using var response = await browser.GetAsync(path);

        // A link or <img> (which SameSite=Lax lets carry the cookie) cannot act: GET is not mapped on these paths.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("Connected", me.GetProperty("agency").GetProperty("connectionState").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task ApiKeyCreate_FormEncodableBodyWithTheCookie_415AndNoKey(string contentType)
    {
        var browser = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");
        // What <form enctype="text/plain"> can send: a JSON-looking body without the JSON media type.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/api-keys")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"forged","role":"admin"}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var keys = await browser.GetFromJsonAsync<JsonElement>("/api/auth/api-keys");
        Assert.Equal(0, Items(keys).GetArrayLength());
    }

    private static JsonElement Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
}
