using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Http;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

/// <summary>
/// One test's world: its own GhlSandbox, its own database (for the create-location ledger) and a generic host wired
/// like ProvisioningService's GHL side — <c>AddGhlClient("ghl")</c>, a token provider, <c>AddProvisioningSteps()</c> —
/// with every log captured at Trace level and every GHL request body kept (to find the generated passwords).
/// </summary>
internal sealed class StepsHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TestDatabase _database;

    private StepsHarness(StepsSandbox sandbox, TestDatabase database, IHost host, string agencyId)
    {
        Sandbox = sandbox;
        _database = database;
        _host = host;
        AgencyId = agencyId;
    }

    public StepsSandbox Sandbox { get; }

    public string AgencyId { get; }

    public string ConnectionString => _database.ConnectionString;

    public IServiceProvider Services => _host.Services;

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public RequestBodies Requests => Services.GetRequiredService<RequestBodies>();

    public GhlLocationsApi Locations => Services.GetRequiredService<GhlLocationsApi>();

    public GhlUsersApi Users => Services.GetRequiredService<GhlUsersApi>();

    public GhlCustomValuesApi CustomValues => Services.GetRequiredService<GhlCustomValuesApi>();

    public LocationCreateLedger Ledger => Services.GetRequiredService<LocationCreateLedger>();

    public CustomValueLedger CustomValueLedger => Services.GetRequiredService<CustomValueLedger>();

    public static async Task<StepsHarness> StartAsync(SandboxSettings settings, IDictionary<string, string?>? configuration = null)
    {
        var sandbox = new StepsSandbox(settings);
        var ghl = sandbox.Start();
        var database = await TestDatabase.CreateAsync("steps");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ghl"] = ghl.ToString(),
            ["ConnectionStrings:provisioningdb"] = database.ConnectionString,
            ["GhlClientOptions:ClientId"] = StepsSandbox.ClientId,
            ["GhlClientOptions:ClientSecret"] = StepsSandbox.ClientSecret,
            ["GhlClientOptions:Scopes"] = sandbox.Scopes,
            // A test fault answers 503 once; retry quickly instead of the production backoff.
            ["GhlClientOptions:RetryBaseDelay"] = "00:00:00.050",
        });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddFakeLogging(o => o.OutputSink = null);
        builder.AddGhlClient("ghl");
        builder.Services.AddSingleton<SandboxTokens>();
        builder.Services.AddSingleton<IGhlTokenProvider>(sp => sp.GetRequiredService<SandboxTokens>());
        builder.Services.AddSingleton<RequestBodies>();
        builder.Services.AddHttpClient(GhlConnection.HttpClientName).AddHttpMessageHandler(sp => new RequestBodies.Handler(sp.GetRequiredService<RequestBodies>()));
        builder.Services.AddProvisioningSteps();

        var host = builder.Build();
        await host.StartAsync();
        var agencyId = await InstallAgencyAsync(ghl, sandbox.Scopes, host.Services);
        return new StepsHarness(sandbox, database, host, agencyId);
    }

    /// <summary>Runs the named step in a DI scope, as the saga's consume would.</summary>
    public async Task<StepResult> RunAsync(string step, StepContext context)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StepCatalog>().Get(step).RunAsync(context, CancellationToken.None);
    }

    public async Task<CompensationReport> CompensateAsync(Guid jobId, JobProgress progress)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IJobCompensator>().CompensateAsync(jobId, AgencyId, progress, CancellationToken.None);
    }

    public StepContext Context(ValidatedIntake intake, JobProgress progress, Guid? jobId = null, DateTimeOffset? startedAt = null) =>
        new(jobId ?? Guid.NewGuid(), AgencyId, intake, 1, progress, startedAt ?? DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Sandbox.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The marketplace install: consent (auto-approved by the sandbox) → code → agency token pair.</summary>
    private static async Task<string> InstallAgencyAsync(Uri ghl, string scopes, IServiceProvider services)
    {
        var consent = QueryHelpers.AddQueryString(new Uri(ghl, "/oauth/chooselocation").ToString(), new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = StepsSandbox.ClientId,
            ["redirect_uri"] = StepsSandbox.RedirectUri,
            ["scope"] = scopes,
            ["state"] = "steps",
        });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(consent);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var code = QueryHelpers.ParseQuery(answer.Headers.Location!.Query)["code"].ToString();
        var tokens = await services.GetRequiredService<GhlOAuthApi>().ExchangeCodeAsync(code, GhlUserType.Company, StepsSandbox.RedirectUri);
        services.GetRequiredService<SandboxTokens>().StoreAgency(tokens.CompanyId!, tokens.AccessToken!, tokens.RefreshToken);
        return tokens.CompanyId!;
    }
}
