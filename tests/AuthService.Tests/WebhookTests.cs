using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuthService.Data;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Tests;

public sealed class WebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private const string Path = "/api/auth/webhooks/ghl";

    [Fact]
    public async Task Receive_LocationCreateSignedEd25519_PublishesLocationCreated()
    {
        var companyId = TestAgency.NewCompanyId();
        var body = Payload("LocationCreate", companyId, ("id", "loc-42"), ("name", "Client Co"));

        var response = await PostAsync(body, ed25519: fixture.SignEd25519(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.World.Host.Events.WaitForAsync<GhlLocationCreated>(
            m => m.AgencyId == companyId && m.LocationId == "loc-42" && m.Name == "Client Co");
    }

    [Fact]
    public async Task Receive_InstallSignedRsa_RecordsAgency()
    {
        var companyId = TestAgency.NewCompanyId();
        var body = Payload("INSTALL", companyId, ("companyName", "Installed Agency"));

        var response = await PostAsync(body, rsa: fixture.SignRsa(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = fixture.World.Host.Services.CreateAsyncScope();
        var agency = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Agencies.SingleAsync(a => a.Id == companyId);
        Assert.Equal("Installed Agency", agency.Name);
    }

    [Fact]
    public async Task Receive_BodyChangedAfterSigning_Unauthorized()
    {
        var body = Payload("LocationCreate", TestAgency.NewCompanyId(), ("id", "loc-1"));
        var signature = fixture.SignEd25519(body);

        var response = await PostAsync(body.Replace("loc-1", "loc-2", StringComparison.Ordinal), ed25519: signature);

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "signature");
    }

    [Fact]
    public async Task Receive_RsaSignatureFromUnknownKey_Unauthorized()
    {
        var body = Payload("INSTALL", TestAgency.NewCompanyId());
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var signature = Convert.ToBase64String(stranger.SignData(Encoding.UTF8.GetBytes(body),
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));

        var response = await PostAsync(body, rsa: signature);

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "signature");
    }

    [Fact]
    public async Task Receive_NoSignature_Unauthorized()
    {
        var response = await PostAsync(Payload("INSTALL", TestAgency.NewCompanyId()));

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "signature");
    }

    [Fact]
    public async Task Receive_TimestampOlderThanFiveMinutes_Rejected()
    {
        var body = Payload("INSTALL", TestAgency.NewCompanyId(), timestamp: DateTimeOffset.UtcNow.AddMinutes(-6));

        var response = await PostAsync(body, ed25519: fixture.SignEd25519(body));

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "timestamp");
    }

    [Fact]
    public async Task Receive_SameWebhookIdTwice_SecondIsConflict()
    {
        var companyId = TestAgency.NewCompanyId();
        var body = Payload("LocationCreate", companyId, ("id", "loc-7"));
        var signature = fixture.SignEd25519(body);

        var first = await PostAsync(body, ed25519: signature);
        var replay = await PostAsync(body, ed25519: signature);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ConnectFlowTests.AssertProblemAsync(replay, HttpStatusCode.Conflict, "webhookId");
        await fixture.World.Host.Events.SingleAsync<GhlLocationCreated>(m => m.AgencyId == companyId);
    }

    [Fact]
    public async Task Receive_AgencyUninstall_PurgesTokensAndDisconnects()
    {
        var companyId = TestAgency.NewCompanyId();
        var browser = await fixture.World.ConnectAsync(companyId, "u1");
        var body = Payload("UNINSTALL", companyId);

        var response = await PostAsync(body, ed25519: fixture.SignEd25519(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("Disconnected", me.GetProperty("agency").GetProperty("connectionState").GetString());
        await using var scope = fixture.World.Host.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AgencyTokens.AnyAsync(t => t.AgencyId == companyId));
        await fixture.World.Host.Events.WaitForAsync<AgencyDisconnected>(m => m.AgencyId == companyId);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? ed25519 = null, string? rsa = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ed25519 is not null)
        {
            request.Headers.Add("X-GHL-Signature", ed25519);
        }

        if (rsa is not null)
        {
            request.Headers.Add("x-wh-signature", rsa);
        }

        return await fixture.World.Host.CreateClient().SendAsync(request);
    }

    private static string Payload(string type, string companyId, params (string Name, string Value)[] extra) =>
        Payload(type, companyId, DateTimeOffset.UtcNow, extra);

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
