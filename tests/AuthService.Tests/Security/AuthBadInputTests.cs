using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.AuthService.Tests.Security;

/// <summary>
/// Issue #11 scenario 6 for AuthService: generated forged, unsigned and malformed GHL webhooks, bad API key and role
/// bodies and bad ids → only 4xx ProblemDetails, no 5xx, no key created. Fixed seed: a failure repeats.
/// </summary>
public sealed class AuthBadInputTests(WebhookFixture fixture, ITestOutputHelper output) : IClassFixture<WebhookFixture>
{
    private const int Requests = 450;

    private const int Seed = 20261127;

    private const string WebhookPath = "/api/auth/webhooks/ghl";

    [Fact]
    public async Task Endpoints_GeneratedBadInput_RefusedWithProblemDetailsAndNoKey()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "user-" + Guid.NewGuid().ToString("N")[..8]);
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/auth/users");
        var userId = users[0].GetProperty("id").GetString();
        var keysBefore = await admin.GetStringAsync("/api/auth/api-keys");
        var random = new Random(Seed);
        var cases = new List<(string, string, Func<HttpRequestMessage>)>();

        // Webhooks: every body is signed (when signing is the point) so the generated garbage reaches the parser.
        var payload = new JsonObject
        {
            ["type"] = "LocationCreate", ["companyId"] = companyId, ["webhookId"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"), ["id"] = "loc-1", ["name"] = "Client Co",
        };
        foreach (var (kind, content) in BadInput.Bodies(payload, ["timestamp"], ["timestamp"], Requests * 35 / 100, Seed))
        {
            if (kind == "wrong-content-type" || kind.StartsWith("control-chars", StringComparison.Ordinal))
            {
                // A signed body is GHL's word: its content type is not checked, and a line break inside the timestamp
                // still parses (DateTimeOffset allows white space). A stale signed body stands in (GhlWebhookOptions:MaxAge).
                var stale = payload.DeepClone().AsObject();
                stale["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-10 - random.Next(1000)).ToString("O");
                stale["webhookId"] = Guid.NewGuid().ToString("N");
                var staleBytes = Encoding.UTF8.GetBytes(stale.ToJsonString());
                var staleSignature = ("X-GHL-Signature", fixture.SignEd25519(stale.ToJsonString()));
                cases.Add(("POST webhooks/ghl (signed, malformed)", "stale-timestamp", () => Webhook(staleBytes, staleSignature)));
                continue;
            }

            var bytes = await content().ReadAsByteArrayAsync();
            var text = Encoding.UTF8.GetString(bytes);
            var signature = random.Next(2) == 0 ? ("X-GHL-Signature", fixture.SignEd25519(text)) : ("x-wh-signature", fixture.SignRsa(text));
            cases.Add(("POST webhooks/ghl (signed, malformed)", kind, () => Webhook(bytes, signature)));
        }

        for (var i = 0; i < Requests * 20 / 100; i++)
        {
            var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
            var header = i % 2 == 0 ? "X-GHL-Signature" : "x-wh-signature";
            (string, (string, string)?) forged = (i % 5) switch
            {
                0 => ("unsigned", null),
                1 => ("garbage-signature", (header, BadInput.BadValue(random))),
                2 => ("random-bytes-signature", (header, Convert.ToBase64String(RandomBytes(random, header == "X-GHL-Signature" ? 64 : 256)))),
                3 => ("signature-of-other-body", (header, header == "X-GHL-Signature" ? fixture.SignEd25519(payload.ToJsonString() + " ") : fixture.SignRsa("{}"))),
                _ => ("signature-in-wrong-header", header == "X-GHL-Signature"
                    ? ("x-wh-signature", fixture.SignEd25519(payload.ToJsonString()))
                    : ("X-GHL-Signature", fixture.SignRsa(payload.ToJsonString()))),
            };
            cases.Add(("POST webhooks/ghl (forged)", forged.Item1, () => Webhook(body, forged.Item2)));
        }

        var key = new JsonObject { ["name"] = "ci", ["role"] = "operator" };
        foreach (var (kind, content) in BadInput.Bodies(key, ["role", "name"], [], Requests * 25 / 100, Seed + 1, controlPaths: ["role"]))
        {
            cases.Add(("POST /api/auth/api-keys", kind, () => BadInput.Request(HttpMethod.Post, "/api/auth/api-keys", content)));
        }

        var role = new JsonObject { ["role"] = "viewer" };
        foreach (var (kind, content) in BadInput.Bodies(role, ["role"], [], Requests * 10 / 100, Seed + 2))
        {
            cases.Add(("PUT /api/auth/users/{id}/role", kind, () => BadInput.Request(HttpMethod.Put, $"/api/auth/users/{userId}/role", content)));
        }

        for (var i = 0; i < Requests * 10 / 100; i++)
        {
            var id = i % 3 == 0 ? Guid.NewGuid().ToString() : Uri.EscapeDataString(BadInput.BadValue(random));
            var (route, method, body) = (i % 2) switch
            {
                0 => ($"/api/auth/api-keys/{id}", HttpMethod.Delete, (Func<HttpContent>?)null),
                _ => ($"/api/auth/users/{id}/role", HttpMethod.Put, () => JsonContent.Create(new { role = "viewer" })),
            };
            cases.Add(($"{method} {(i % 2 == 0 ? "/api/auth/api-keys/{id}" : "/api/auth/users/{id}/role")} (bad id)", "bad-or-unknown-id", () => BadInput.Request(method, route, body)));
        }

        var tally = new ResponseTally();
        // One at a time: the session client keeps cookies and webhooks share a replay table.
        await tally.SendAllAsync(admin, cases, parallelism: 1);
        tally.Print(output, "AuthService bad input");

        Assert.True(tally.Total >= Requests * 95 / 100, $"only {tally.Total} requests were generated");
        Assert.Equal(0, tally.ServerErrors);
        Assert.Empty(tally.Violations);
        Assert.Equal(keysBefore, await admin.GetStringAsync("/api/auth/api-keys"));
        Assert.Contains("\"admin\"", await admin.GetStringAsync("/api/auth/users"), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Webhook(byte[] body, (string Header, string Value)? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (signature is { } s)
        {
            request.Headers.TryAddWithoutValidation(s.Header, s.Value);
        }

        return request;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
