using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using NSec.Cryptography;
using Provisioner.TestSupport;

namespace Provisioner.GhlSandbox.Tests;

public sealed class WebhookSignatureTests
{
    [Fact]
    public async Task Webhooks_InstallAndLocationCreate_VerifyWithPublishedKeys()
    {
        var capture = new WebhookCapture();
        using var factory = new SandboxFactory(webhooks: capture);
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        var keys = await session.Http.GetFromJsonAsync<JsonElement>("/_sandbox/webhook-keys");

        await Eventually.TrueAsync(() => Task.FromResult(capture.Received.Count >= 2), TimeSpan.FromSeconds(10), "two webhooks");
        var install = capture.Received.Single(w => Type(w) == "INSTALL");
        var created = capture.Received.Single(w => Type(w) == "LocationCreate");

        Assert.Equal(WebhookCapture.Url, install.Url.ToString());
        Assert.Equal(SandboxFactory.NorthStarId, Json(install).GetProperty("companyId").GetString());
        Assert.Equal("65f0a1b2c3d4e5f601234567", Json(install).GetProperty("appId").GetString());
        Assert.Equal(locationId, Json(created).GetProperty("id").GetString());
        Assert.True(Json(created).TryGetProperty("webhookId", out _));
        Assert.All(new[] { install, created }, w =>
        {
            Assert.True(VerifyRsa(keys, w.Body, w.RsaSignature), "x-wh-signature does not verify");
            Assert.True(VerifyEd25519(keys, w.Body, w.Ed25519Signature), "X-GHL-Signature does not verify");
        });
    }

    [Fact]
    public async Task Webhooks_TamperedBody_FailsVerification()
    {
        var capture = new WebhookCapture();
        using var factory = new SandboxFactory(webhooks: capture);
        var session = new GhlSession(factory);
        await session.ApproveAsync(SandboxFactory.PeakId);
        var keys = await session.Http.GetFromJsonAsync<JsonElement>("/_sandbox/webhook-keys");
        await Eventually.TrueAsync(() => Task.FromResult(!capture.Received.IsEmpty), TimeSpan.FromSeconds(10), "INSTALL webhook");
        var install = capture.Received.Single();
        var tampered = install.Body.ToArray();
        tampered[^2] ^= 0x01;

        Assert.False(VerifyRsa(keys, tampered, install.RsaSignature));
        Assert.False(VerifyEd25519(keys, tampered, install.Ed25519Signature));
    }

    [Fact]
    public async Task Uninstall_InstalledAgency_SendsUninstallAndRevokesTokens()
    {
        var capture = new WebhookCapture();
        using var factory = new SandboxFactory(webhooks: capture);
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync(SandboxFactory.PeakId);

        using var uninstall = await session.Http.PostAsync($"/_sandbox/uninstall/{SandboxFactory.PeakId}", null);
        using var call = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.PeakId}", agency);
        await Eventually.TrueAsync(() => Task.FromResult(capture.Received.Any(w => Type(w) == "UNINSTALL")), TimeSpan.FromSeconds(10), "UNINSTALL");

        Assert.Equal(HttpStatusCode.NoContent, uninstall.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
    }

    private static JsonElement Json(CapturedWebhook webhook) => JsonDocument.Parse(webhook.Body).RootElement;

    private static string? Type(CapturedWebhook webhook) => Json(webhook).GetProperty("type").GetString();

    private static bool VerifyRsa(JsonElement keys, byte[] body, string signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(keys.GetProperty("rsaPublicKeyPem").GetString());
        return rsa.VerifyData(body, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEd25519(JsonElement keys, byte[] body, string signature)
    {
        var spki = Convert.FromBase64String(keys.GetProperty("ed25519PublicKeySpkiBase64").GetString()!);
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, spki, KeyBlobFormat.PkixPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, body, Convert.FromBase64String(signature));
    }
}
