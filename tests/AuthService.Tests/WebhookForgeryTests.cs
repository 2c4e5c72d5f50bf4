using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using Provisioner.AuthService.Data;
using Xunit.Abstractions;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// Issue 11, scenario 7: forged and replayed webhooks aimed at the most harmful event, an agency UNINSTALL (which
/// purges the agency's GHL tokens and disconnects it). Each forgery is refused with its status and changes nothing;
/// the one valid delivery is accepted and acts; its replay after the agency reconnected is refused and changes nothing.
/// </summary>
public sealed class WebhookForgeryTests(WebhookFixture fixture, ITestOutputHelper output) : IClassFixture<WebhookFixture>
{
    private const string Path = "/api/auth/webhooks/ghl";

    [Fact]
    public async Task Receive_ForgedAndReplayedUninstalls_RefusedWithoutEffect_ValidOneAccepted()
    {
        var companyId = TestAgency.NewCompanyId();
        var browser = await fixture.World.ConnectAsync(companyId, "u1");
        var outcomes = new List<(string Case, HttpStatusCode Status)>();
        using var strangerRsa = RSA.Create(2048);
        using var strangerEd25519 = Key.Create(SignatureAlgorithm.Ed25519);

        var uninstall = Payload("UNINSTALL", companyId, DateTimeOffset.UtcNow);
        var otherAgencyUninstall = Payload("UNINSTALL", "co-other-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow);
        var stale = Payload("UNINSTALL", companyId, DateTimeOffset.UtcNow.AddMinutes(-6));
        var future = Payload("UNINSTALL", companyId, DateTimeOffset.UtcNow.AddMinutes(6));
        var forgeries = new (string Case, HttpStatusCode Expected, string Body, string? Ed25519, string? Rsa)[]
        {
            ("missing signature", HttpStatusCode.Unauthorized, uninstall, null, null),
            ("empty signature headers", HttpStatusCode.Unauthorized, uninstall, "", ""),
            ("Ed25519 by another key", HttpStatusCode.Unauthorized, uninstall,
                Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(strangerEd25519, Encoding.UTF8.GetBytes(uninstall))), null),
            ("RSA by another key", HttpStatusCode.Unauthorized, uninstall, null,
                Convert.ToBase64String(strangerRsa.SignData(Encoding.UTF8.GetBytes(uninstall), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("garbage signature", HttpStatusCode.Unauthorized, uninstall, "not-base64!", "AAAA"),
            ("valid Ed25519 signature in the RSA header", HttpStatusCode.Unauthorized, uninstall, null, fixture.SignEd25519(uninstall)),
            ("signature of another delivery", HttpStatusCode.Unauthorized, uninstall, fixture.SignEd25519(otherAgencyUninstall), null),
            ("body altered after signing (agency swapped)", HttpStatusCode.Unauthorized,
                otherAgencyUninstall.Replace(CompanyOf(otherAgencyUninstall), companyId, StringComparison.Ordinal), fixture.SignEd25519(otherAgencyUninstall), null),
            ("body altered after signing (whitespace added)", HttpStatusCode.Unauthorized, uninstall + " ", fixture.SignEd25519(uninstall), null),
            ("stale timestamp, correctly signed", HttpStatusCode.BadRequest, stale, fixture.SignEd25519(stale), null),
            ("future timestamp, correctly signed", HttpStatusCode.BadRequest, future, null, fixture.SignRsa(future)),
        };

        foreach (var (name, expected, body, ed25519, rsa) in forgeries)
        {
            using var response = await PostAsync(body, ed25519, rsa);
            outcomes.Add((name, response.StatusCode));
            Assert.True(expected == response.StatusCode, $"{name}: expected {(int)expected}, got {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            await AssertConnectedAsync(browser, companyId, name);
        }

        // The one genuine delivery acts: the agency is disconnected and its tokens purged.
        var genuineSignature = fixture.SignEd25519(uninstall);
        using (var genuine = await PostAsync(uninstall, genuineSignature, null))
        {
            outcomes.Add(("valid delivery", genuine.StatusCode));
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        Assert.Equal("Disconnected", await StateAsync(browser));
        Assert.False(await HasTokensAsync(companyId));

        // The agency connects again; a captured copy of the uninstall, as sent or re-signed by GHL's other key, must
        // not disconnect it a second time.
        var reconnected = await fixture.World.ConnectAsync(companyId, "u1", "at-again", "rt-again");
        foreach (var (name, ed25519, rsa) in new[]
        {
            ("replay of the valid delivery", genuineSignature, (string?)null),
            ("replay with the RSA signature", null, fixture.SignRsa(uninstall)),
        })
        {
            using var replay = await PostAsync(uninstall, ed25519, rsa);
            outcomes.Add((name, replay.StatusCode));
            await ConnectFlowTests.AssertProblemAsync(replay, HttpStatusCode.Conflict, "webhookId");
            await AssertConnectedAsync(reconnected, companyId, name);
        }

        var refused = outcomes.Count(o => (int)o.Status >= 400);
        output.WriteLine($"webhooks: {outcomes.Count} deliveries, {refused} refused ({string.Join(", ", outcomes.Where(o => (int)o.Status >= 400)
            .GroupBy(o => (int)o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}), " +
            $"{outcomes.Count(o => o.Status == HttpStatusCode.OK)} accepted; forged or replayed with an effect: 0");
        foreach (var (name, status) in outcomes)
        {
            output.WriteLine($"  {(int)status} {name}");
        }

        Assert.Equal(forgeries.Length + 2, refused);
    }

    [Fact]
    public async Task Receive_ForgedInstall_CreatesNoAgency()
    {
        var companyId = TestAgency.NewCompanyId();
        var body = Payload("INSTALL", companyId, DateTimeOffset.UtcNow, ("companyName", "Forged Agency"));
        using var stranger = RSA.Create(2048);

        using var unsigned = await PostAsync(body, null, null);
        using var foreign = await PostAsync(body, null,
            Convert.ToBase64String(stranger.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        await using var scope = fixture.World.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.False(await db.Agencies.AnyAsync(a => a.Id == companyId));
        Assert.False(await db.WebhookReceipts.AnyAsync(r => r.WebhookId == WebhookIdOf(body)));
    }

    private async Task AssertConnectedAsync(HttpClient browser, string companyId, string afterCase)
    {
        Assert.True(await StateAsync(browser) == "Connected", $"{afterCase}: the agency is no longer connected");
        Assert.True(await HasTokensAsync(companyId), $"{afterCase}: the agency's tokens are gone");
    }

    private static async Task<string?> StateAsync(HttpClient browser) =>
        (await browser.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("agency").GetProperty("connectionState").GetString();

    private async Task<bool> HasTokensAsync(string companyId)
    {
        await using var scope = fixture.World.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AgencyTokens.AnyAsync(t => t.AgencyId == companyId);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? ed25519, string? rsa)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ed25519 is not null)
        {
            request.Headers.TryAddWithoutValidation("X-GHL-Signature", ed25519);
        }

        if (rsa is not null)
        {
            request.Headers.TryAddWithoutValidation("x-wh-signature", rsa);
        }

        return await fixture.World.Host.CreateClient().SendAsync(request);
    }

    private static string CompanyOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("companyId").GetString()!;

    private static string WebhookIdOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("webhookId").GetString()!;

    private static string Payload(string type, string companyId, DateTimeOffset timestamp, params (string Name, string Value)[] extra)
    {
        var payload = new Dictionary<string, string>
        {
            ["type"] = type, ["companyId"] = companyId, ["webhookId"] = Guid.NewGuid().ToString("N"), ["timestamp"] = timestamp.ToString("O"),
        };
        foreach (var (name, value) in extra)
        {
            payload[name] = value;
        }

        return JsonSerializer.Serialize(payload);
    }
}
