using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.AuthService.Tests.Security;

/// <summary>
/// Issue #11 scenario 7 for AuthService: agency A's session and A's API keys (each role) against B's API key ids and
/// user ids (revoke, change role) → 404/403, and no B id, name or key prefix in any answer (lists, me, token).
/// </summary>
public sealed class AuthIsolationTests(AuthWorldFixture fixture, ITestOutputHelper output) : IClassFixture<AuthWorldFixture>
{
    [Fact]
    public async Task AgencyA_SessionAndKeys_NamingAgencyBResources_RefusedAndNoBData()
    {
        var agencyA = TestAgency.NewCompanyId();
        var agencyB = TestAgency.NewCompanyId();
        var ghlUserB = "user-b-" + Guid.NewGuid().ToString("N")[..8];
        var sessionA = await fixture.World.ConnectAsync(agencyA, "user-a-" + Guid.NewGuid().ToString("N")[..8]);
        var sessionB = await fixture.World.ConnectAsync(agencyB, ghlUserB);
        var bKeys = new List<JsonElement>();
        foreach (var role in new[] { "admin", "operator", "viewer" })
        {
            bKeys.Add(await ApiKeyTests.CreateKeyAsync(sessionB, "b-key-" + role, role));
        }

        var bUsers = (await sessionB.GetFromJsonAsync<JsonElement>("/api/auth/users")).EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToList();
        string[] secrets =
        [
            agencyB, ghlUserB, .. bUsers, .. bKeys.Select(k => k.GetProperty("id").GetString()!), .. bKeys.Select(k => k.GetProperty("prefix").GetString()!),
        ];

        var callers = new List<(string Name, HttpClient Client, string Role)> { ("A session (admin)", sessionA, "admin") };
        foreach (var role in new[] { "admin", "operator", "viewer" })
        {
            var created = await ApiKeyTests.CreateKeyAsync(sessionA, "a-key-" + role, role);
            var client = fixture.World.Host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
            callers.Add(($"A API key ({role})", client, role));
        }

        var cells = 0;
        var leaks = new List<string>();
        foreach (var (name, client, role) in callers)
        {
            var requests = new List<(string Route, string Named, Func<HttpRequestMessage> Request)>();
            foreach (var keyId in bKeys.Select(k => k.GetProperty("id").GetString()!))
            {
                requests.Add(("DELETE /api/auth/api-keys/{B key}", keyId, () => new HttpRequestMessage(HttpMethod.Delete, $"/api/auth/api-keys/{keyId}")));
            }

            foreach (var userId in bUsers)
            {
                foreach (var newRole in new[] { "admin", "operator", "viewer" })
                {
                    requests.Add(("PUT /api/auth/users/{B user}/role", userId, () => new HttpRequestMessage(HttpMethod.Put, $"/api/auth/users/{userId}/role")
                    {
                        Content = JsonContent.Create(new { role = newRole }),
                    }));
                }
            }

            foreach (var (route, named, create) in requests)
            {
                using var request = create();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                cells++;
                // Non-admins may be refused before the lookup (403); otherwise B's ids do not exist for A.
                var expected = response.StatusCode == HttpStatusCode.NotFound || (role != "admin" && response.StatusCode == HttpStatusCode.Forbidden);
                if (!expected || secrets.Where(s => s != named).Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    leaks.Add($"{name} {route} → {(int)response.StatusCode}: {body}");
                }
            }

            foreach (var (method, url) in new[] { (HttpMethod.Get, "/api/auth/users"), (HttpMethod.Get, "/api/auth/api-keys"), (HttpMethod.Get, "/api/auth/me"), (HttpMethod.Post, "/api/auth/token") })
            {
                using var response = await client.SendAsync(new HttpRequestMessage(method, url));
                var body = await response.Content.ReadAsStringAsync();
                cells++;
                var text = url.EndsWith("/token", StringComparison.Ordinal) ? body + TokenClaims(body) : body;
                if (response.StatusCode != HttpStatusCode.OK || secrets.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)) || !text.Contains(agencyA, StringComparison.Ordinal) && url != "/api/auth/api-keys" && url != "/api/auth/users")
                {
                    leaks.Add($"{name} {method} {url} → {(int)response.StatusCode}: {text}");
                }
            }
        }

        output.WriteLine($"AuthService isolation matrix: {cells} cells ({callers.Count} A callers × ({bKeys.Count} B keys + {bUsers.Count} B users × 3 roles + 4 own-agency reads)), {leaks.Count} leaks");
        Console.WriteLine($"AuthService isolation matrix: {cells} cells, {leaks.Count} leaks");
        foreach (var leak in leaks)
        {
            output.WriteLine("  ! " + leak);
        }

        Assert.Empty(leaks);
        // B's keys and users are untouched: none revoked, the admin still admin.
        var bKeyList = await sessionB.GetStringAsync("/api/auth/api-keys");
        Assert.All(bKeys, k => Assert.Contains(k.GetProperty("id").GetString()!, bKeyList, StringComparison.Ordinal));
        Assert.DoesNotContain("revokedAt\":\"", bKeyList, StringComparison.Ordinal);
        Assert.Contains("\"admin\"", await sessionB.GetStringAsync("/api/auth/users"), StringComparison.Ordinal);
    }

    /// <summary>The claims of the JWT in a /token answer, as text (the signature is not the point here).</summary>
    private static string TokenClaims(string body)
    {
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));
    }
}
