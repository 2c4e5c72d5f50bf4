using System.Net;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.ProvisioningService.Tests.Security;

/// <summary>
/// Issue #11 scenario 7 for ProvisioningService: agency A's tokens (every role) against every endpoint that names one of
/// agency B's jobs → 404, and no B id or name in any answer, lists and A's live stream included.
/// </summary>
public sealed class ProvisioningIsolationTests(ProvisioningHost host, ITestOutputHelper output) : IClassFixture<ProvisioningHost>
{
    private static readonly string[] Roles = ["admin", "operator", "viewer"];

    [Fact]
    public async Task AgencyA_EveryRoute_NamingAgencyBJobs_NotFoundAndNoBData()
    {
        var agencyA = Intakes.NewAgency();
        var agencyB = Intakes.NewAgency();
        const string bName = "Bravo Secret Dental";

        // B's jobs in the states each action accepts (Failed: retry, Queued: cancel), plus one through the real API (events).
        var failed = await CreateAsync(agencyB, bName, JobStatus.Failed);
        var queued = await CreateAsync(agencyB, bName, JobStatus.Queued);
        using var posted = await host.ClientFor(agencyB).PostAsync(Intakes.Valid(bName), Intakes.NewKey());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var live = (await posted.JsonAsync()).GetProperty("jobId").GetGuid();
        Guid[] bJobs = [failed, queued, live];
        string[] secrets = [.. bJobs.Select(j => j.ToString()), bName, agencyB];

        // The id a caller sends may be echoed in its 404 ("no job {id} in this agency"); anything else of B's may not.
        var requests = new List<(Guid Job, string Route, Func<HttpRequestMessage> Request)>();
        foreach (var job in bJobs)
        {
            requests.Add((job, "GET /api/jobs/{id}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job}")));
            requests.Add((job, "GET /api/jobs/{id}/events", () => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job}/events")));
            requests.Add((job, "GET /api/jobs/{id}/events?lastEventId=0", () => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job}/events?lastEventId=0")));
            requests.Add((job, "GET /api/jobs/{id}/events + Last-Event-ID", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job}/events");
                request.Headers.Add("Last-Event-ID", "0");
                return request;
            }));
            requests.Add((job, "POST /api/jobs/{id}/retry", () => new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{job}/retry")));
            requests.Add((job, "POST /api/jobs/{id}/cancel", () => new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{job}/cancel")));
        }

        var cells = 0;
        var leaks = new List<string>();
        foreach (var role in Roles)
        {
            var client = host.ClientFor(agencyA, role);
            foreach (var (job, route, create) in requests)
            {
                using var request = create();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "(stream opened)" : await response.Content.ReadAsStringAsync(timeout.Token);
                cells++;
                // Viewers may be refused before the lookup (403); every other answer must be "not found".
                var expected = response.StatusCode == HttpStatusCode.NotFound
                    || (role == "viewer" && response.StatusCode == HttpStatusCode.Forbidden && route.StartsWith("POST", StringComparison.Ordinal));
                if (!expected || secrets.Where(s => s != job.ToString()).Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    leaks.Add($"{role} {route} → {(int)response.StatusCode}: {body}");
                }
            }

            // Lists and counts do not name B's jobs, but must not show them either.
            foreach (var url in new[] { "/api/jobs", $"/api/jobs?q={Uri.EscapeDataString(bName)}", "/api/jobs?status=Failed", "/api/jobs/stats", "/api/provision/settings" })
            {
                var body = await client.GetStringAsync(url);
                cells++;
                // A has no job yet, so every list of A's must be empty.
                var isList = url == "/api/jobs" || url.StartsWith("/api/jobs?", StringComparison.Ordinal);
                if (secrets.Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)) || (isList && !body.Contains("\"total\":0", StringComparison.Ordinal)))
                {
                    leaks.Add($"{role} GET {url}: {body}");
                }
            }
        }

        cells += await AssertAgencyStreamShowsOnlyOwnJobsAsync(agencyA, secrets, leaks);

        output.WriteLine($"ProvisioningService isolation matrix: {cells} cells ({Roles.Length} roles × {requests.Count} B-resource requests + lists + A's stream), {leaks.Count} leaks");
        Console.WriteLine($"ProvisioningService isolation matrix: {cells} cells, {leaks.Count} leaks");
        foreach (var leak in leaks)
        {
            output.WriteLine("  ! " + leak);
        }

        Assert.Empty(leaks);

        // B still sees its own jobs: the 404s above are about the caller, not missing rows.
        using var own = await host.ClientFor(agencyB, "viewer").GetAsync($"/api/jobs/{failed}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(JobStatus.Failed.ToString(), (await own.JsonAsync()).GetProperty("status").GetString());
    }

    /// <summary>A's agency stream replayed from the start, read until A's own job appears: no B event may come before it.</summary>
    private async Task<int> AssertAgencyStreamShowsOnlyOwnJobsAsync(string agencyA, string[] secrets, List<string> leaks)
    {
        using var posted = await host.ClientFor(agencyA).PostAsync(Intakes.Valid("Alpha Own Plumbing"), Intakes.NewKey());
        var ownJob = (await posted.JsonAsync()).GetProperty("jobId").GetString()!;
        using var response = await host.ClientFor(agencyA, "viewer").GetAsync("/api/jobs/events?lastEventId=0", HttpCompletionOption.ResponseHeadersRead);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var frames = 0;
        while (await sse.NextEventAsync() is { } frame)
        {
            frames++;
            if (secrets.Any(s => frame.Data?.Contains(s, StringComparison.OrdinalIgnoreCase) == true))
            {
                leaks.Add($"A's stream: {frame.Data}");
            }

            if (frame.Data?.Contains(ownJob, StringComparison.Ordinal) == true)
            {
                break;
            }
        }

        return frames;
    }

    private async Task<Guid> CreateAsync(string agency, string name, JobStatus status)
    {
        var id = Guid.NewGuid();
        var intake = new ValidatedIntake(
            new IntakeBusiness(name, "owner@bravo.example.com", "+13127445000", null, null, "Chicago", "IL", "60601", "US",
                "America/Chicago", "Dental", null),
            "snap-dental", [], []);
        var json = IntakeHash.Serialize(intake);
        var now = DateTimeOffset.UtcNow;
        await host.WithDbAsync(db =>
        {
            db.Jobs.Add(new ProvisioningJob
            {
                Id = id,
                AgencyId = agency,
                IdempotencyKey = Intakes.NewKey(),
                RequestHash = IntakeHash.Of(json),
                Intake = json,
                BusinessName = name,
                BusinessEmail = intake.Business.Email,
                Status = status,
                SnapshotId = intake.SnapshotId,
                CreatedBy = "user:test",
                CreatedAt = now,
                UpdatedAt = now,
                Error = status == JobStatus.Failed ? "create-location: GHL answered 500" : null,
                Steps = [.. ProvisioningSteps.All.Select((step, i) => new JobStep { Name = step, Ordinal = i, Status = i == 1 && status == JobStatus.Failed ? StepStatus.Failed : StepStatus.Pending })],
            });
            return Task.CompletedTask;
        });
        return id;
    }
}
