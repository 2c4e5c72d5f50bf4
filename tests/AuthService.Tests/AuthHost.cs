using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

/// <summary>One AuthService instance on a test's database and fake GHL, with MassTransit's in-memory test harness.</summary>
public sealed class AuthHost(string connectionString, string ghlUrl, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string KeyOne = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string KeyTwo = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    public ITestHarness Harness => Services.GetTestHarness();

    /// <summary>A browser: keeps cookies, does not follow redirects (the tests read them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:authdb", connectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", TestEnvironment.RabbitMqUri.ToString());
        builder.UseSetting("ConnectionStrings:ghl", ghlUrl);
        builder.UseSetting("GhlClientOptions:ClientId", FakeGhl.ClientId);
        builder.UseSetting("GhlClientOptions:ClientSecret", FakeGhl.ClientSecret);
        builder.UseSetting("SessionCookieOptions:SecureCookies", "false");
        builder.UseSetting("TokenRefreshOptions:ScanInterval", "12:00:00");
        if (settings?.Keys.Any(k => k.StartsWith("TokenVaultOptions:Keys:", StringComparison.Ordinal)) != true)
        {
            builder.UseSetting("TokenVaultOptions:Keys:k1", KeyOne);
            builder.UseSetting("TokenVaultOptions:ActiveKeyId", "k1");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddMassTransitTestHarness());
    }
}
