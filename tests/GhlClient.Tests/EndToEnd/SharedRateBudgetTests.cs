extern alias sandbox;

using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.TestSupport;
using sandbox::Provisioner.GhlSandbox.Diagnostics;
using Xunit.Abstractions;

namespace Provisioner.GhlClient.Tests.EndToEnd;

/// <summary>
/// Two services (two hosts, each with its own client, pipeline and budget object) calling GhlSandbox for one agency at
/// once. The sandbox enforces GHL's limit per app per resource, scaled to 30 per second so the test takes seconds.
/// </summary>
public sealed class SharedRateBudgetTests(ITestOutputHelper output)
{
    private const int RequestsPerService = 100;

    private static readonly Dictionary<string, string?> SandboxLimits = new()
    {
        ["GhlSandbox:RateLimit:BurstLimit"] = "30",
        ["GhlSandbox:RateLimit:BurstWindow"] = "00:00:01",
    };

    [Fact]
    public async Task GetCompany_TwoServicesSharingThePostgresBudget_SandboxNeverAnswers429()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        var (calls, journal, elapsed, budgets) = await RunTwoServicesAsync(new Dictionary<string, string?>
        {
            ["GhlClientOptions:RateBudget"] = "Postgres",
            ["ConnectionStrings:ghlratebudget"] = db.ConnectionString + ";Maximum Pool Size=6",
        });

        Assert.All(calls, c => Assert.Null(c));
        Assert.Equal(2 * RequestsPerService, journal.Count(e => e.Path.StartsWith("/companies/", StringComparison.Ordinal)));
        Assert.DoesNotContain(journal, e => e.Status == (int)HttpStatusCode.TooManyRequests);
        var shared = budgets.Select(b => Assert.IsType<PostgresGhlRateBudget>(b)).ToList();
        Assert.All(shared, b => Assert.Equal(0, b.FallbackUses));
        var trips = shared.Sum(b => b.RoundTrips);
        output.WriteLine($"{2 * RequestsPerService} requests through the shared budget in {elapsed.TotalSeconds:0.0} s, " +
                         $"{trips} database round trips ({trips / (2.0 * RequestsPerService):0.00} per request), no 429");
    }

    [Fact]
    public async Task GetCompany_TwoServicesWithInProcessBudgets_SandboxAnswers429()
    {
        // The control: the same load with a budget per process overshoots the shared limit, which is why the
        // shared one exists (and proves the test above can fail).
        var (_, journal, _, _) = await RunTwoServicesAsync(new Dictionary<string, string?>());

        Assert.Contains(journal, e => e.Status == (int)HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task DeleteLocation_401ForAMissingScope_IsNotRetriedWithARefreshedToken()
    {
        using var sandbox = new SandboxServer();
        var ghl = sandbox.Start();
        using var admin = new SandboxAdmin(ghl);
        await using var service = await ProvisionerHost.StartAsync(ghl);
        var companyId = await service.InstallAgencyAsync(CancellationToken.None);

        // DELETE /locations/{id} needs locations.internal-access-only, which GHL never grants an app (BRIEF §2.8).
        var error = await Assert.ThrowsAsync<GhlApiException>(() => service.Locations.DeleteAsync(companyId, "no-such-location", deleteTwilioAccount: false));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(0, service.Vault.AgencyRefreshes);
        Assert.Single(await admin.GetJournalAsync(method: "DELETE", pathPrefix: "/locations/"));
        Assert.Single(await admin.GetJournalAsync(pathPrefix: "/oauth/token")); // the install's code exchange only
    }

    private static async Task<(Exception?[] Calls, IReadOnlyList<JournalEntry> Journal, TimeSpan Elapsed, IGhlRateBudget[] Budgets)>
        RunTwoServicesAsync(Dictionary<string, string?> settings)
    {
        // Both services pace to the sandbox's limit; GhlClient keeps its 10 % margin (27 per second).
        settings["GhlClientOptions:BurstLimit"] = "30";
        settings["GhlClientOptions:BurstWindow"] = "00:00:01";
        using var sandbox = new SandboxServer(settings: SandboxLimits);
        var ghl = sandbox.Start();
        using var admin = new SandboxAdmin(ghl);
        await using var provisioning = await ProvisionerHost.StartAsync(ghl, settings);
        await using var advisor = await ProvisionerHost.StartAsync(ghl, settings);
        var companyId = await provisioning.InstallAgencyAsync(CancellationToken.None);
        Assert.Equal(companyId, await advisor.InstallAgencyAsync(CancellationToken.None));

        var started = Stopwatch.StartNew();
        var calls = await Task.WhenAll(new[] { provisioning, advisor }.SelectMany(service => Enumerable.Range(0, RequestsPerService).Select(async _ =>
        {
            try
            {
                await service.Companies.GetAsync(companyId);
                return null;
            }
            catch (GhlApiException e)
            {
                return (Exception?)e;
            }
        })));
        started.Stop();
        var journal = await admin.GetJournalAsync();
        IGhlRateBudget[] budgets = [provisioning.Services.GetRequiredService<IGhlRateBudget>(), advisor.Services.GetRequiredService<IGhlRateBudget>()];
        return (calls, journal, started.Elapsed, budgets);
    }
}
