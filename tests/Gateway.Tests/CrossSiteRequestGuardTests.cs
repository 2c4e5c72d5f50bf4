using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Gateway.Proxy;
using Provisioner.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace Provisioner.Gateway.Tests;

/// <summary>
/// CSRF (issue 11, scenario 7): a state-changing request carrying the session cookie from another origin never
/// reaches a service, and never costs a token exchange; the portal's own requests and programs pass.
/// </summary>
public sealed class CrossSiteRequestGuardTests(SharedGateway shared, ITestOutputHelper output) : IClassFixture<SharedGateway>
{
    private const string SessionCookie = "provisioner.session";

    /// <summary>Unsafe requests a forged page on another origin could make, each with the victim's cookie.</summary>
    public static TheoryData<string, string, string, string> ForgedRequests => new()
    {
        // method, path, header, value ({self} = the gateway's own origin, {port} = its port)
        { "POST", "/api/auth/logout", "Origin", "http://127.0.0.1:8090" },
        { "POST", "/api/auth/disconnect", "Origin", "https://evil.example" },
        { "POST", "/api/auth/api-keys", "Origin", "http://localhost:{port}" },
        { "DELETE", "/api/auth/api-keys/3f1c", "Origin", "null" },
        { "PUT", "/api/auth/users/u1/role", "Referer", "http://127.0.0.1:8090/oauth/chooselocation" },
        { "POST", "/api/jobs/j1/cancel", "Origin", "http://127.0.0.1:1" },
        { "POST", "/api/jobs/j1/retry", "Referer", "https://evil.example/page" },
        { "POST", "/api/provision", "Origin", "http://127.0.0.1.evil.example:{port}" },
        { "PUT", "/api/provision/settings", "Origin", "https://127.0.0.1" },
        { "POST", "/settings", "Origin", "http://[::1]:{port}" },
        { "POST", "/_blazor/negotiate", "Referer", "not a url" },
    };

    [Theory]
    [MemberData(nameof(ForgedRequests))]
    public async Task Proxy_UnsafeRequestWithSessionCookieFromAnotherOrigin_403AndNothingForwarded(
        string method, string path, string header, string value)
    {
        var env = shared.Environment;
        using var client = env.CreateAnonymousClient();
        using var request = Forged(env, method, path, header, value);
        var reachedBefore = env.Backends.Sum(b => b.Requests);
        var exchangesBefore = env.Backend("auth").Tokens.Exchanges;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(header, problem?.Extensions["field"]?.ToString());
        Assert.Equal(reachedBefore, env.Backends.Sum(b => b.Requests));
        Assert.Equal(exchangesBefore, env.Backend("auth").Tokens.Exchanges);
    }

    [Theory]
    [InlineData("POST", "/api/auth/logout", "Origin", "{self}")]
    [InlineData("DELETE", "/api/auth/api-keys/3f1c", "Referer", "{self}/settings")]
    [InlineData("POST", "/api/jobs/j1/cancel", "Origin", "{self}")]
    [InlineData("POST", "/api/jobs/j1/cancel", "Origin", "HTTP://127.0.0.1:{port}/")]
    [InlineData("POST", "/api/jobs/j1/cancel", null, null)] // a program: no Origin, no Referer
    [InlineData("GET", "/api/jobs/j1", "Origin", "https://evil.example")] // safe method: SameSite=Lax sends the cookie, reading is CORS's job
    public async Task Proxy_SameOriginOrProgramOrSafeMethod_Forwarded(string method, string path, string? header, string? value)
    {
        var env = shared.Environment;
        using var client = env.CreateAnonymousClient();
        using var request = Forged(env, method, path, header, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal(path, echo?.PathAndQuery);
    }

    [Fact]
    public async Task Proxy_ApiKeyFromAnotherOrigin_ForwardedBecauseNoPageCanSendIt()
    {
        var env = shared.Environment;
        using var client = env.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/j1/cancel");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void IsRefused_Matrix_EveryForeignOriginRefusedEverySameOriginPassed()
    {
        string[] unsafeMethods = ["POST", "PUT", "PATCH", "DELETE"];
        string[] foreign = ["http://127.0.0.1:8090", "http://localhost:8080", "https://evil.example", "null", "http://127.0.0.1", "garbage"];
        string[] same = ["http://127.0.0.1:8080", "https://127.0.0.1:8080", "http://127.0.0.1:8080/connect"];
        var refused = 0;
        var passed = 0;
        foreach (var method in unsafeMethods)
        {
            foreach (var header in new[] { "Origin", "Referer" })
            {
                refused += foreign.Count(o => CrossSiteRequestGuard.IsRefused(Request(method, "127.0.0.1:8080", header, o), SessionCookie));
                passed += same.Count(o => !CrossSiteRequestGuard.IsRefused(Request(method, "127.0.0.1:8080", header, o), SessionCookie));
            }
        }

        // Default ports: a Host without a port is port 80/443, so only a default-port origin matches it.
        Assert.False(CrossSiteRequestGuard.IsRefused(Request("POST", "portal.example", "Origin", "https://portal.example"), SessionCookie));
        Assert.True(CrossSiteRequestGuard.IsRefused(Request("POST", "portal.example", "Origin", "https://portal.example:8443"), SessionCookie));
        // A chunked session cookie counts as the cookie.
        var chunked = Request("POST", "127.0.0.1:8080", "Origin", "https://evil.example", cookie: $"{SessionCookie}C1=x");
        Assert.True(CrossSiteRequestGuard.IsRefused(chunked, SessionCookie));
        // Without the session cookie there is nothing to forge.
        Assert.False(CrossSiteRequestGuard.IsRefused(Request("POST", "127.0.0.1:8080", "Origin", "https://evil.example", cookie: "theme=dark"), SessionCookie));

        output.WriteLine($"cross-site guard matrix: {refused} foreign refused of {unsafeMethods.Length * 2 * foreign.Length}, " +
            $"{passed} same-origin passed of {unsafeMethods.Length * 2 * same.Length}");
        Assert.Equal(unsafeMethods.Length * 2 * foreign.Length, refused);
        Assert.Equal(unsafeMethods.Length * 2 * same.Length, passed);
    }

    [Theory]
    [InlineData("https://portal.agency.example", false)]
    [InlineData("https://PORTAL.agency.example:443", false)]
    [InlineData("https://portal.agency.example/jobs/1", false)] // a Referer from one of its pages
    [InlineData("http://portal.agency.example", true)] // an http page is not the https site
    [InlineData("https://portal.agency.example:8443", true)]
    [InlineData("https://evil.portal.agency.example", true)]
    [InlineData("https://127.0.0.1:8443", true)]
    public void IsRefused_BehindAProxyThatRewritesHost_OnlyTheTrustedPublicOriginPasses(string origin, bool refused)
    {
        // The reverse proxy in front answers https://portal.agency.example and forwards with Host: gateway:8080.
        CrossSiteOrigin[] trusted = [CrossSiteOrigin.Parse("https://portal.agency.example")!];
        var header = origin.EndsWith("/jobs/1", StringComparison.Ordinal) ? "Referer" : "Origin";

        Assert.Equal(refused, CrossSiteRequestGuard.IsRefused(Request("POST", "gateway:8080", header, origin), SessionCookie, trusted));
        // Without the setting, the public origin is foreign to the rewritten Host.
        Assert.True(CrossSiteRequestGuard.IsRefused(Request("POST", "gateway:8080", "Origin", "https://portal.agency.example"), SessionCookie));
    }

    [Theory]
    [InlineData("https://portal.agency.example", true)]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("https://portal.agency.example/connect", false)]
    [InlineData("https://portal.agency.example?x=1", false)]
    [InlineData("https://user@portal.agency.example", false)]
    [InlineData("portal.agency.example", false)]
    [InlineData("ws://portal.agency.example", false)]
    public void Parse_OnlySchemeHostAndPort_IsAnOrigin(string value, bool valid) =>
        Assert.Equal(valid, CrossSiteOrigin.Parse(value) is not null);

    private static HttpRequestMessage Forged(GatewayEnvironment env, string method, string path, string? header, string? value)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Cookie", $"{SessionCookie}=ticket-{Guid.NewGuid():N}");
        if (header is not null && value is not null)
        {
            var self = $"http://{env.Address.Authority}";
            request.Headers.TryAddWithoutValidation(header, value
                .Replace("{self}", self, StringComparison.Ordinal)
                .Replace("{port}", env.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return request;
    }

    private static HttpRequest Request(string method, string host, string header, string value, string? cookie = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Host = new HostString(host);
        context.Request.Headers[header] = value;
        context.Request.Headers.Cookie = cookie ?? $"{SessionCookie}=ticket";
        return context.Request;
    }
}
