extern alias web;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// The real portal (Web's Program) on a real Kestrel socket at 127.0.0.1 on a free port, so a browser can reach it,
/// with the settings a test gives (service-discovery addresses, RabbitMQ management URL, refresh interval).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<web::Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PortalFactory(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
