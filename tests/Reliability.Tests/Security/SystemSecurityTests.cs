using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>
/// Issue 11, scenario 7, on the whole system as real processes (see <see cref="SecurityScenario"/>): no secret in any
/// log or database dump; cross-site requests with the session cookie refused at the gateway; the portal's security
/// headers on pages, the 404 page and static files as served through the gateway.
/// </summary>
public sealed class SystemSecurityTests(SecurityScenario scenario, ITestOutputHelper output) : IClassFixture<SecurityScenario>
{
    [Fact]
    public async Task Run_LogsAndDatabaseDumps_HoldNoSecret()
    {
        var world = scenario.World;
        Assert.Equal("Succeeded", scenario.JobStatus);

        var places = world.Output.ToDictionary(p => "log " + p.Key, p => p.Value);
        foreach (var (name, database) in world.Databases)
        {
            places["dump " + name] = await SecretScan.DumpAsync(database);
        }

        var secrets = world.Secrets.ByValue;
        var hits = new List<string>();
        var table = new StringBuilder();
        foreach (var kind in world.Secrets.Kinds)
        {
            var values = secrets.Where(s => s.Value == kind).Select(s => s.Key).ToList();
            var found = places.Select(p => (Place: p.Key, Count: values.Sum(v => SecretScan.Occurrences(p.Value, v)))).Where(p => p.Count > 0).ToList();
            hits.AddRange(found.Select(f => $"{kind} ×{f.Count} in {f.Place}"));
            table.AppendLine($"  {kind,-24} values {values.Count,3}   found {found.Sum(f => f.Count)}");
        }

        var shaped = places.Select(p => (p.Key, Jwts: SecretScan.JwtShaped(p.Value), Keys: SecretScan.ApiKeyShaped(p.Value))).ToList();
        hits.AddRange(shaped.Where(s => s.Jwts > 0).Select(s => $"JWT-shaped text ×{s.Jwts} in {s.Key}"));
        hits.AddRange(shaped.Where(s => s.Keys > 0).Select(s => $"API-key-shaped text ×{s.Keys} in {s.Key}"));

        output.WriteLine($"secrets scan: {secrets.Count} secret values of {world.Secrets.Kinds.Count()} kinds, each in 5 forms " +
            $"(plain, JSON, URL, hex, base64), searched in {places.Count} places " +
            $"({string.Join(", ", places.Select(p => $"{p.Key} {p.Value.Length / 1024} KiB"))}); found {hits.Count}");
        output.WriteLine(table.ToString());
        output.WriteLine($"world started in {scenario.StartTime.TotalSeconds:0} s, the run took {scenario.RunTime.TotalSeconds:0} s; " +
            $"job {scenario.JobId} {scenario.JobStatus}; load average {LoadAverage()}");
        foreach (var hit in hits)
        {
            output.WriteLine("  LEAK: " + hit);
        }

        // The run produced each kind it is meant to check, so "0 found" means something.
        foreach (var kind in new[] { "GHL access token", "GHL refresh token", "GHL client secret", "GHL user password", "OAuth code",
                     "OAuth state", "session cookie", "API key", "service JWT", "internal API key", "token vault key" })
        {
            Assert.True(world.Secrets.Count(kind) > 0, $"the run recorded no {kind}");
        }

        Assert.True(world.Secrets.Count("GHL user password") >= 2, "both users' passwords went through the tap");
        // The scan finds what is there: the job id is in ProvisioningService's dump, the agency id in AuthService's.
        Assert.True(SecretScan.Occurrences(places["dump provisioningdb"], scenario.JobId.ToString()) > 0);
        Assert.True(SecretScan.Occurrences(places["dump authdb"], SandboxSeed.NorthStar) > 0);
        Assert.Empty(hits);
    }

    [Fact]
    public async Task Gateway_CrossSiteRequestsWithTheSessionCookie_RefusedWithoutEffect()
    {
        var browser = scenario.NorthStarBrowser;
        var gateway = scenario.World.Gateway;
        var sameSiteOtherOrigin = scenario.World.Sandbox.GetLeftPart(UriPartial.Authority); // 127.0.0.1, another port
        var keysBefore = await KeyCountAsync(browser);
        var forged = new (string Method, string Path, string Header, string Value)[]
        {
            ("POST", "/api/auth/disconnect", "Origin", sameSiteOtherOrigin),
            ("POST", "/api/auth/logout", "Origin", "https://evil.example"),
            ("POST", "/api/auth/api-keys", "Origin", sameSiteOtherOrigin),
            ("POST", "/api/auth/api-keys", "Referer", "https://evil.example/form.html"),
            ("POST", $"/api/jobs/{scenario.JobId}/retry", "Origin", sameSiteOtherOrigin),
            ("POST", $"/api/jobs/{scenario.JobId}/cancel", "Origin", "null"),
            ("PUT", "/api/provision/settings", "Origin", sameSiteOtherOrigin),
            ("POST", "/connect", "Origin", sameSiteOtherOrigin),
        };

        var statuses = new List<HttpStatusCode>();
        foreach (var (method, path, header, value) in forged)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("""{"name":"forged","role":"admin"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await browser.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        // The same requests from the portal's own origin do act: the refusals above were the Origin check's.
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/auth/api-keys")
        {
            Content = JsonContent.Create(new { name = "same-origin", role = "viewer" }),
        };
        sameOrigin.Headers.Add("Origin", gateway.GetLeftPart(UriPartial.Authority));
        using var created = await browser.Client.SendAsync(sameOrigin);
        if (created.IsSuccessStatusCode)
        {
            scenario.World.Secrets.Add("API key", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        }

        var me = await browser.Client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var session = browser.SetCookieHeaders.Single(c => c.StartsWith("provisioner.session=", StringComparison.Ordinal));
        output.WriteLine($"CSRF through the gateway: {forged.Length} forged requests with the session cookie → " +
            $"{string.Join(", ", statuses.GroupBy(s => (int)s).Select(g => $"{g.Key}×{g.Count()}"))}; same-origin control " +
            $"{(int)created.StatusCode}; agency afterwards {me.GetProperty("agency").GetProperty("connectionState").GetString()}; " +
            $"session cookie attributes: {session[(session.IndexOf(';') + 1)..].Trim()}");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Connected", me.GetProperty("agency").GetProperty("connectionState").GetString());
        Assert.Equal(keysBefore + 1, await KeyCountAsync(browser));
        var attributes = session.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("httponly", attributes);
    }

    [Fact]
    public async Task Portal_SameOriginFormPostWithoutAntiforgeryToken_Refused()
    {
        var browser = scenario.NorthStarBrowser;
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/connect", "/settings", "/" })
        {
            // Past the gateway's Origin check (same origin, the real cookie): Web's antiforgery must refuse it.
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "disconnect" }),
            };
            request.Headers.Add("Origin", scenario.World.Gateway.GetLeftPart(UriPartial.Authority));
            using var response = await browser.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        output.WriteLine($"portal form posts without an antiforgery token: {string.Join(", ", statuses.Select(s => (int)s))}");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
    }

    [Fact]
    public async Task Gateway_PortalResponses_CarrySecurityHeaders()
    {
        var browser = scenario.NorthStarBrowser;
        using var anonymous = new HttpClient { BaseAddress = scenario.World.Gateway };
        var checks = new (string Name, HttpClient Client, string Path, HttpStatusCode Status)[]
        {
            ("dashboard (signed in)", browser.Client, "/", HttpStatusCode.OK),
            ("jobs (signed in)", browser.Client, "/jobs", HttpStatusCode.OK),
            ("connect (signed out)", anonymous, "/connect", HttpStatusCode.OK),
            ("404 page", anonymous, "/no-such-page-" + Guid.NewGuid().ToString("N")[..6], HttpStatusCode.NotFound),
            ("404 page (signed in)", browser.Client, "/jobs/x/y/z", HttpStatusCode.NotFound),
            ("static script", anonymous, "/_framework/blazor.web.js", HttpStatusCode.OK),
        };

        var missing = new List<string>();
        foreach (var (name, client, path, expected) in checks)
        {
            using var response = await client.GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{name} {path}: {(int)response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            if (csp?.Contains("frame-ancestors 'none'", StringComparison.Ordinal) != true || !csp.Contains("script-src 'self'", StringComparison.Ordinal))
            {
                missing.Add($"{name}: Content-Security-Policy {csp ?? "missing"}");
            }

            if (Header(response, "X-Content-Type-Options") != "nosniff")
            {
                missing.Add($"{name}: X-Content-Type-Options");
            }

            if (Header(response, "X-Frame-Options") != "DENY")
            {
                missing.Add($"{name}: X-Frame-Options");
            }
        }

        output.WriteLine($"security headers through the gateway: {checks.Length} responses × 3 headers, missing {missing.Count}");
        Assert.Empty(missing);
    }

    private static async Task<int> KeyCountAsync(Browser browser)
    {
        var list = await browser.Client.GetFromJsonAsync<JsonElement>("/api/auth/api-keys");
        return (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).GetArrayLength();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
