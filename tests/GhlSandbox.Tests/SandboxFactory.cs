using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Provisioner.GhlSandbox.Webhooks;

namespace Provisioner.GhlSandbox.Tests;

/// <summary>
/// One sandbox per test, so every test owns its state. Settings go in as configuration; time can be a
/// FakeTimeProvider; webhooks can be captured instead of sent.
/// </summary>
public sealed class SandboxFactory(
    IDictionary<string, string?>? settings = null,
    FakeTimeProvider? time = null,
    WebhookCapture? webhooks = null) : WebApplicationFactory<Program>
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";
    public const string RedirectUri = "http://127.0.0.1:8080/api/auth/callback";
    public const string NorthStarId = "Gx7pQ2rT9vLm4KdW8sHa";
    public const string PeakId = "Hk2mW8cV5nB1xZ4qR6tY";
    public const string NorthStarDentalSnapshot = "OhbVrpoiVgRV5IfLBcbf";
    public const string PeakDentalSnapshot = "6g3Ot1OGMmjxWkI9X7H6";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: its build-time DI scope validation costs every one of these short-lived hosts.
        builder.UseEnvironment("Test");
        var all = new Dictionary<string, string?> { ["GhlSandbox:SnapshotLoadDuration"] = "00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        if (webhooks is not null)
        {
            all["GhlSandbox:WebhookUrl"] = WebhookCapture.Url;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (time is not null)
            {
                services.AddSingleton<TimeProvider>(time);
            }

            if (webhooks is not null)
            {
                services.AddHttpClient(WebhookDispatcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => webhooks);
            }
        });
    }

    public HttpClient CreateNoRedirectClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
