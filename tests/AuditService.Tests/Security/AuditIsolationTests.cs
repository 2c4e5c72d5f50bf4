using System.Net;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.AuditService.Tests.Security;

/// <summary>
/// Issue #11 scenario 7 for AuditService: agency A's tokens (every role) against B's entry ids and against filters and
/// exports naming B's job, actor and text → 404 for ids, empty answers for filters, and no B data in any body.
/// </summary>
public sealed class AuditIsolationTests(AuditHostFixture fixture, ITestOutputHelper output) : IClassFixture<AuditHostFixture>
{
    [Fact]
    public async Task AgencyA_EveryRoute_NamingAgencyBEntries_NotFoundOrEmpty()
    {
        var agencyA = "ag-" + Guid.NewGuid().ToString("N");
        var agencyB = "ag-" + Guid.NewGuid().ToString("N");
        var bJob = Guid.NewGuid().ToString();
        const string bActor = "bravo-operator";
        const string bText = "BravoSecretClinic";
        var bEntries = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            bEntries.Add(await fixture.Host.AppendAsync(agencyB, jobId: bJob, actor: bActor, payload: $$"""{"note":"{{bText}} {{i}}"}"""));
        }

        var own = await fixture.Host.AppendAsync(agencyA, actor: "alpha-operator");
        string[] secrets = [agencyB, bJob, bActor, bText, .. bEntries.Select(e => e.ToString())];

        var cells = 0;
        var leaks = new List<string>();
        foreach (var role in new[] { "admin", "operator", "viewer" })
        {
            using var client = fixture.Host.ClientFor(agencyA, role);
            foreach (var entry in bEntries)
            {
                using var response = await client.GetAsync($"/api/audit/{entry}");
                var body = await response.Content.ReadAsStringAsync();
                cells++;
                if (response.StatusCode != HttpStatusCode.NotFound || secrets.Where(s => s != entry.ToString()).Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    leaks.Add($"{role} GET /api/audit/{{B id}} → {(int)response.StatusCode}: {body}");
                }
            }

            string[] filters =
            [
                $"jobId={bJob}", $"actor={bActor}", $"q={bText}", $"type=StepCompleted&actor={bActor}", string.Empty,
                $"from=2000-01-01T00:00:00Z&q={bText}",
            ];
            foreach (var route in new[] { "/api/audit", "/api/audit/export", "/api/audit/verify" })
            {
                foreach (var filter in route.EndsWith("/verify", StringComparison.Ordinal) ? [string.Empty] : filters)
                {
                    using var response = await client.GetAsync(route + "?" + filter);
                    var body = await response.Content.ReadAsStringAsync();
                    cells++;
                    // Viewers may not export or verify at all (403); the rest answer about A's own entries only.
                    var allowed = response.StatusCode == HttpStatusCode.OK
                        || (role == "viewer" && route != "/api/audit" && response.StatusCode == HttpStatusCode.Forbidden);
                    if (!allowed || secrets.Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        leaks.Add($"{role} GET {route}?{filter} → {(int)response.StatusCode}: {body}");
                    }
                }
            }
        }

        output.WriteLine($"AuditService isolation matrix: {cells} cells (3 roles × ({bEntries.Count} B ids + 2 routes × 6 B filters + verify)), {leaks.Count} leaks");
        Console.WriteLine($"AuditService isolation matrix: {cells} cells, {leaks.Count} leaks");
        foreach (var leak in leaks)
        {
            output.WriteLine("  ! " + leak);
        }

        Assert.Empty(leaks);
        // A still sees its own entry, and B its own: the empty answers above are about the caller.
        Assert.Contains(own.ToString(), await fixture.Host.ClientFor(agencyA, "viewer").GetStringAsync("/api/audit"), StringComparison.Ordinal);
        Assert.Contains(bActor, await fixture.Host.ClientFor(agencyB, "viewer").GetStringAsync($"/api/audit/{bEntries[0]}"), StringComparison.Ordinal);
    }
}
