using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// One AuthService instance on a test's database and fake GHL, on the real RabbitMQ: <paramref name="rabbitMq"/> is the
/// test's own virtual host (<see cref="TestVirtualHost"/>); without one, the broker's default virtual host (for hosts
/// that never start the bus or never publish).
/// </summary>
public sealed class AuthHost(
    string connectionString, string ghlUrl, IReadOnlyDictionary<string, string>? settings = null, Uri? rabbitMq = null)
    : WebApplicationFactory<Program>
{
    public const string KeyOne = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string KeyTwo = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    /// <summary>The key services present on <c>/internal/**</c> (outside Development one is required at start).</summary>
    public const string InternalKey = "test-internal-key-0123456789abcdefghijklmnop";

    private AuthEvents? events;

    /// <summary>The events this host's bus delivered; available after <see cref="StartRecordingAsync"/>.</summary>
    public AuthEvents Events => events ?? throw new InvalidOperationException("Call StartRecordingAsync first.");

    /// <summary>Starts the host (migrations run, the bus starts) and connects the event recorder.</summary>
    public async Task StartRecordingAsync()
    {
        _ = Server;
        events = await AuthEvents.ConnectAsync(Services.GetRequiredService<IBus>(), connectionString);
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (the tests read them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:authdb", connectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", (rabbitMq ?? TestEnvironment.RabbitMqUri).ToString());
        builder.UseSetting("ConnectionStrings:ghl", ghlUrl);
        builder.UseSetting("GhlClientOptions:ClientId", FakeGhl.ClientId);
        builder.UseSetting("GhlClientOptions:ClientSecret", FakeGhl.ClientSecret);
        builder.UseSetting("SessionCookieOptions:SecureCookies", "false");
        builder.UseSetting("TokenRefreshOptions:ScanInterval", "12:00:00");
        if (settings?.Keys.Any(k => k.StartsWith("InternalApiOptions:Keys:", StringComparison.Ordinal)) != true)
        {
            builder.UseSetting("InternalApiOptions:Keys:0", InternalKey);
        }
        if (settings?.Keys.Any(k => k.StartsWith("TokenVaultOptions:Keys:", StringComparison.Ordinal)) != true)
        {
            builder.UseSetting("TokenVaultOptions:Keys:k1", KeyOne);
            builder.UseSetting("TokenVaultOptions:ActiveKeyId", "k1");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
