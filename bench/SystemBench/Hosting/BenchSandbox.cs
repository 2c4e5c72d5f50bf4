extern alias sandbox;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using sandbox::Provisioner.GhlSandbox.Diagnostics;
using sandbox::Provisioner.GhlSandbox.Infrastructure;
using sandbox::Provisioner.GhlSandbox.Model;
using sandbox::Provisioner.GhlSandbox.State;

namespace Provisioner.Bench.SystemBench.Hosting;

/// <summary>
/// The real GhlSandbox on a free loopback port. Snapshot loads are instant (the scenarios measure our machinery,
/// not GHL's load time); the rate limit is on or off per scenario; added latency is a sandbox fault rule
/// (<c>{"path":"*","latencyMs":…}</c> without a status: every GHL route answers normally, that much later).
/// </summary>
internal sealed class BenchSandbox(bool rateLimit) : WebApplicationFactory<sandbox::Program>
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";
    public const string RedirectUri = "http://127.0.0.1:8080/api/auth/callback";
    public const string Scopes =
        "locations.readonly locations.write locations/customValues.readonly locations/customValues.write " +
        "snapshots.readonly snapshots.write users.readonly users.write companies.readonly oauth.readonly oauth.write";

    private HttpClient? admin;

    public Uri Address { get; private set; } = null!;

    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        Address = KestrelAddress.Of(Services);
        admin = new HttpClient { BaseAddress = Address };
        return Address;
    }

    public Task AddLatencyAsync(int milliseconds) => AddFaultAsync(new { path = "*", latencyMs = milliseconds });

    /// <summary>Adds a fault rule (<c>POST /_sandbox/faults</c>); rules apply in the order added, the first match wins.</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await Admin.PostAsJsonAsync("/_sandbox/faults", rule);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The seeded agencies plus copies of them up to <paramref name="count"/>: each copy is a new company with its own id,
    /// admin user and a copy of the original's snapshot library (new snapshot ids). The sandbox seeds two agencies;
    /// a scenario that wants more adds them in its in-process store, as a seed with more companies would.
    /// </summary>
    public IReadOnlyList<(string Id, string Snapshot)> Agencies(int count) =>
        Services.GetRequiredService<SandboxStore>().Write<IReadOnlyList<(string Id, string Snapshot)>>(state =>
        {
            var seeded = SystemBench.Agencies.Seeded;
            var agencies = seeded.ToList();
            for (var i = agencies.Count; i < count; i++)
            {
                var (originalId, originalSnapshot) = seeded[i % seeded.Length];
                var original = state.Companies.Single(c => c.Id == originalId);
                var id = Ids.NewId();
                state.Companies.Add(new CompanyRecord
                {
                    Id = id, Name = $"Bench Agency {i + 1}", Email = $"owner@agency{i + 1}.bench.example", Phone = original.Phone,
                    Website = original.Website, Address = original.Address, City = original.City, State = original.State,
                    PostalCode = original.PostalCode, Country = original.Country, Timezone = original.Timezone,
                });
                state.Users.Add(new UserRecord
                {
                    Id = Ids.NewId(), CompanyId = id, FirstName = "Bench", LastName = $"Admin {i + 1}",
                    Email = $"admin@agency{i + 1}.bench.example", Type = "agency", Role = "admin",
                    PlatformLanguage = "en_US",
                });
                string? snapshot = null;
                foreach (var library in state.Snapshots.Where(s => s.CompanyId == originalId).ToList())
                {
                    var copy = new SnapshotRecord
                    {
                        Id = Ids.NewId(), CompanyId = id, Name = library.Name, Type = library.Type, Niche = library.Niche,
                        CustomValues = [.. library.CustomValues],
                    };
                    state.Snapshots.Add(copy);
                    snapshot = library.Id == originalSnapshot ? copy.Id : snapshot;
                }

                agencies.Add((id, snapshot ?? throw new InvalidOperationException($"Snapshot {originalSnapshot} is not in {originalId}'s library.")));
            }

            return agencies;
        });

    /// <summary>The journal's highest sequence number so far (0 when empty).</summary>
    public long LastSequence() => Journal.Query(new JournalQuery(null, null, null, null, null, 1)).Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>GHL calls the sandbox answered after <paramref name="after"/>, oldest first (admin routes are not journaled).</summary>
    public IReadOnlyList<JournalEntry> CallsAfter(long after) =>
        Journal.Query(new JournalQuery(null, null, null, null, after, int.MaxValue));

    /// <summary>An agency's consent (the form a person would post), returning the authorization code.</summary>
    public async Task<string> ConsentAsync(string companyId)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };
        using var answer = await browser.PostAsync("/oauth/chooselocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = Scopes,
            ["state"] = "bench",
            ["decision"] = "approve",
            ["companyId"] = companyId,
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect || answer.Headers.Location is null)
        {
            throw new InvalidOperationException($"The sandbox's consent answered {(int)answer.StatusCode}.");
        }

        return QueryHelpers.ParseQuery(answer.Headers.Location.Query)["code"].ToString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("GhlSandbox:SnapshotLoadDuration", "00:00:00");
        builder.UseSetting("GhlSandbox:RateLimit:Enabled", rateLimit ? "true" : "false");
        builder.UseSetting("GhlSandbox:JournalCapacity", "100000");
    }

    protected override void Dispose(bool disposing)
    {
        admin?.Dispose();
        base.Dispose(disposing);
    }

    private RequestJournal Journal => Services.GetRequiredService<RequestJournal>();

    private HttpClient Admin => admin ?? throw new InvalidOperationException("The sandbox has not started.");
}

