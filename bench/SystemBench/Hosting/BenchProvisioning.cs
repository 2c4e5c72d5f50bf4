extern alias provisioning;

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.TestSupport;

namespace Provisioner.Bench.SystemBench.Hosting;

/// <param name="Ghl">GHL's base URL (a sandbox), or null for an unreachable one.</param>
/// <param name="RunSlotsPerAgency">JobRunOptions:MaxConcurrentJobsPerAgency.</param>
/// <param name="GhlBurstLimit">GhlClientOptions:BurstLimit: the client's pacing per resource per 10 s.</param>
/// <param name="AdvisorTimeout">JobRunOptions:AdvisorTimeout (null: the service's default, 30 s).</param>
/// <param name="GhlAttemptTimeout">GhlClientOptions:AttemptTimeout (null: the default, 30 s); TotalTimeout is raised to match.</param>
internal sealed record ProvisioningSettings(
    Uri? Ghl, int RunSlotsPerAgency = 2, int GhlBurstLimit = 100, TimeSpan? AdvisorTimeout = null, TimeSpan? GhlAttemptTimeout = null);

/// <summary>
/// The real ProvisioningService (API, saga, steps, GhlClient) on a free loopback port: a database of its own on the
/// bench PostgreSQL, a virtual host of its own on the bench RabbitMQ, JWTs signed by <see cref="TestTokens"/>, GHL
/// tokens from <see cref="BenchGhlTokens"/>.
/// </summary>
internal sealed class BenchProvisioning : WebApplicationFactory<provisioning::Program>
{
    private readonly ProvisioningSettings settings;
    private readonly TestDatabase database;
    private readonly TestVirtualHost broker;

    private BenchProvisioning(ProvisioningSettings settings, TestDatabase database, TestVirtualHost broker)
    {
        this.settings = settings;
        this.database = database;
        this.broker = broker;
    }

    public Uri Address { get; private set; } = null!;

    public static async Task<BenchProvisioning> StartAsync(ProvisioningSettings settings)
    {
        var host = new BenchProvisioning(
            settings, await TestDatabase.CreateAsync("bench_provisioning"), await TestVirtualHost.CreateAsync("bench-provisioning"));
        host.UseKestrel(0);
        host.StartServer();
        host.Address = KestrelAddress.Of(host.Services);
        return host;
    }

    /// <summary>Installs the app for an agency of the sandbox: consent, code exchange, tokens kept by the provider.</summary>
    public async Task InstallAsync(BenchSandbox sandbox, string companyId)
    {
        var code = await sandbox.ConsentAsync(companyId);
        var pair = await Services.GetRequiredService<GhlOAuthApi>().ExchangeCodeAsync(code, GhlUserType.Company, BenchSandbox.RedirectUri);
        Services.GetRequiredService<BenchGhlTokens>().StoreAgency(pair.CompanyId!, pair.AccessToken!, pair.RefreshToken);
    }

    /// <summary>A client on the service's real socket with a JWT of <paramref name="agency"/>.</summary>
    public HttpClient ClientFor(string agency, string role = "operator")
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // EF logs the first migration query on an empty database, and every rolled-back concurrent saga insert that
        // MassTransit then retries, as errors with stack traces: noise in a result listing. Real failures still end
        // a job Failed, which the scenario reports with the job's error.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        builder.UseSetting("Logging:LogLevel:MassTransit", "Error");
        builder.UseSetting("ConnectionStrings:provisioningdb", database.ConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", broker.AmqpUri.ToString());
        builder.UseSetting("ServiceAuthOptions:SigningKeyPem", TestTokens.PublicKeyPem);
        builder.UseSetting("ConnectionStrings:ghl", settings.Ghl?.ToString() ?? "http://127.0.0.1:9/");
        builder.UseSetting("GhlClientOptions:ClientId", BenchSandbox.ClientId);
        builder.UseSetting("GhlClientOptions:ClientSecret", BenchSandbox.ClientSecret);
        builder.UseSetting("GhlClientOptions:Scopes", BenchSandbox.Scopes);
        builder.UseSetting("GhlClientOptions:BurstLimit", settings.GhlBurstLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("GhlTokenProviderOptions:InternalKey", "bench-internal-key-0123456789abcdef");
        builder.UseSetting("GhlTokenProviderOptions:BaseAddress", "http://127.0.0.1:9/");
        builder.UseSetting("JobRunOptions:MaxConcurrentJobsPerAgency", settings.RunSlotsPerAgency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (settings.AdvisorTimeout is { } advisorTimeout)
        {
            builder.UseSetting("JobRunOptions:AdvisorTimeout", advisorTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (settings.GhlAttemptTimeout is { } attemptTimeout)
        {
            var value = attemptTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            builder.UseSetting("GhlClientOptions:AttemptTimeout", value);
            builder.UseSetting("GhlClientOptions:TotalTimeout", (attemptTimeout * 2).ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<BenchGhlTokens>();
            services.RemoveAll<IGhlTokenProvider>();
            services.AddSingleton<IGhlTokenProvider>(sp => sp.GetRequiredService<BenchGhlTokens>());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await broker.DisposeAsync();
        try
        {
            await database.DisposeAsync();
        }
        catch (Npgsql.PostgresException)
        {
            // An autovacuum worker may still hold the database for a moment; the bench data dir is thrown away anyway.
        }
    }
}
