extern alias gateway;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Provisioner.Bench.SystemBench.Hosting;

/// <summary>
/// The real gateway (its Program, appsettings.json routes and pipeline: correlation id, rate limiter, probe guard,
/// token exchange, YARP) on a free loopback port, in front of the given ProvisioningService and AuthService. The
/// per-client limit is raised out of the way (1,000,000 per second): the limiter still runs on every request.
/// </summary>
internal sealed class BenchGateway(Uri provisioning, Uri auth) : WebApplicationFactory<gateway::Program>
{
    public Uri Address { get; private set; } = null!;

    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        Address = KestrelAddress.Of(Services);
        return Address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("GatewayOptions:RateLimitPermits", "1000000");
        builder.UseSetting("GatewayOptions:RateLimitWindow", "00:00:01");
        builder.UseSetting("services:provisioning:http:0", provisioning.ToString());
        builder.UseSetting("services:auth:http:0", auth.ToString());
        foreach (var other in new[] { "advisor", "audit", "web" })
        {
            builder.UseSetting($"services:{other}:http:0", "http://127.0.0.1:9/");
        }
    }
}
