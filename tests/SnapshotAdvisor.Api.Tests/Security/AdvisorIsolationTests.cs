using System.Net.Http.Json;
using System.Net;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Security;

/// <summary>
/// Issue #11 scenario 7 for SnapshotAdvisor: agency A's tokens (every role) against B's snapshot ids (read, update),
/// searches and recommendations that would match B's library → 404 or empty, no B data, and B's metadata unchanged.
/// </summary>
public sealed class AdvisorIsolationTests(AdvisorHostFixture fixture, ITestOutputHelper output) : IClassFixture<AdvisorHostFixture>
{
    [Fact]
    public async Task AgencyA_EveryRoute_NamingAgencyBSnapshots_NotFoundOrEmpty()
    {
        var agencyA = Ids.Agency();
        var agencyB = Ids.Agency();
        var bSnapshots = new[] { Ids.Snapshot(), Ids.Snapshot() };
        const string bName = "Bravo Orthodontics Secret";
        await fixture.Host.SeedAsync(agencyB,
            new SeedSnapshot(bSnapshots[0], bName, "Braces and aligners for orthodontic clinics", ["orthodontics"]),
            new SeedSnapshot(bSnapshots[1], bName + " Hidden", "Hidden one", ["orthodontics"], Hidden: true));
        var ownSnapshot = Ids.Snapshot();
        await fixture.Host.SeedAsync(agencyA, new SeedSnapshot(ownSnapshot, "Alpha Roofing", "Roof repair", ["roofing"]));
        string[] secrets = [agencyB, bName, "Braces and aligners", .. bSnapshots];

        var cells = 0;
        var leaks = new List<string>();
        foreach (var role in new[] { "admin", "operator", "viewer" })
        {
            using var client = fixture.Host.ClientFor(agencyA, role);
            foreach (var id in bSnapshots)
            {
                using var get = await client.GetAsync($"/api/snapshots/{id}");
                using var put = await client.PutAsJsonAsync($"/api/snapshots/{id}", new { description = "overwritten by A", tags = new[] { "a" } });
                foreach (var (route, response) in new[] { ("GET /api/snapshots/{B id}", get), ("PUT /api/snapshots/{B id}", put) })
                {
                    var body = await response.Content.ReadAsStringAsync();
                    cells++;
                    // A viewer may not edit at all (403); everything else about B's ids is "not found".
                    var expected = response.StatusCode == HttpStatusCode.NotFound
                        || (role == "viewer" && route.StartsWith("PUT", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.Forbidden);
                    if (!expected || secrets.Where(s => s != id).Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        leaks.Add($"{role} {route} → {(int)response.StatusCode}: {body}");
                    }
                }
            }

            foreach (var url in new[] { "/api/snapshots", "/api/snapshots?q=Bravo", "/api/snapshots?tag=orthodontics", "/api/snapshots?q=aligners&pageSize=100" })
            {
                var body = await client.GetStringAsync(url);
                cells++;
                if (secrets.Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    leaks.Add($"{role} GET {url}: {body}");
                }
            }

            using var recommend = await client.PostAsJsonAsync("/api/snapshots/recommend",
                new { business = new { name = "Smile Orthodontics", industry = "Orthodontics", description = "Braces and aligners" } });
            var recommended = await recommend.Content.ReadAsStringAsync();
            cells++;
            if (recommend.StatusCode != HttpStatusCode.OK || secrets.Any(s => recommended.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                leaks.Add($"{role} POST /api/snapshots/recommend → {(int)recommend.StatusCode}: {recommended}");
            }
        }

        output.WriteLine($"SnapshotAdvisor isolation matrix: {cells} cells (3 roles × (2 B ids × GET/PUT + 4 searches + recommend)), {leaks.Count} leaks");
        Console.WriteLine($"SnapshotAdvisor isolation matrix: {cells} cells, {leaks.Count} leaks");
        foreach (var leak in leaks)
        {
            output.WriteLine("  ! " + leak);
        }

        Assert.Empty(leaks);
        Assert.Equal("Braces and aligners for orthodontic clinics", (await fixture.Host.FindAsync(agencyB, bSnapshots[0]))!.Description);
        Assert.Contains(ownSnapshot, await fixture.Host.ClientFor(agencyA, "viewer").GetStringAsync("/api/snapshots"), StringComparison.Ordinal);
    }
}
