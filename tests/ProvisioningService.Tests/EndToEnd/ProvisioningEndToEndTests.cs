using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Tests.EndToEnd;

/// <summary>
/// Intake → saga → steps → GhlSandbox, through the service's real API, RabbitMQ and PostgreSQL: what an agency sees.
/// </summary>
public sealed class ProvisioningEndToEndTests(SandboxProvisioningHost host) : IClassFixture<SandboxProvisioningHost>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Provision_TwentyJobsOverTwoAgencies_AllSucceedWithExactlyOneLocationEach()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var submitted = new List<(string Agency, string Snapshot, string Name, string Email, Guid JobId)>();
        foreach (var (agency, snapshot) in new[] { (SandboxProvisioningHost.NorthStar, SandboxProvisioningHost.NorthStarDental), (SandboxProvisioningHost.Peak, SandboxProvisioningHost.PeakDental) })
        {
            for (var i = 0; i < 10; i++)
            {
                var name = $"E2E {run} {agency[..4]} {i}";
                var intake = UniqueIntake(name, $"{run}-{agency[..4]}-{i}", snapshot);
                using var response = await host.ClientFor(agency).PostAsync(intake, Intakes.NewKey());
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                var jobId = (await response.JsonAsync()).GetProperty("jobId").GetGuid();
                submitted.Add((agency, snapshot, name, intake["business"]!["email"]!.GetValue<string>(), jobId));
            }
        }

        foreach (var job in submitted)
        {
            var detail = await WaitForFinalAsync(job.Agency, job.JobId);
            Assert.True(detail.GetProperty("status").GetString() == "Succeeded", $"job {job.Name}: {detail}");
        }

        var state = await host.Sandbox.StateAsync();
        foreach (var job in submitted)
        {
            var detail = await GetJobAsync(job.Agency, job.JobId);
            var location = Assert.Single(state.Locations, l => l.Name == job.Name);
            Assert.Equal(job.Agency, location.CompanyId);
            Assert.Equal(job.Snapshot, location.SnapshotId);
            Assert.Equal(location.Id, detail.GetProperty("locationId").GetString());
            Assert.Contains(state.CustomValues, v => v.LocationId == location.Id && v.Name == "Booking Link" && v.Value == "https://acme-plumbing.com/book");
            Assert.Contains(state.CustomValues, v => v.LocationId == location.Id && v.Name == "Greeting" && v.Value.StartsWith($"Welcome to {job.Name}", StringComparison.Ordinal));
            var users = state.Users.Where(u => !u.Deleted && u.LocationIds.Contains(location.Id)).Select(u => u.Email).Order().ToList();
            Assert.Equal([$"ann.{job.Email}", $"bob.{job.Email}"], users);
            Assert.All(detail.GetProperty("steps").EnumerateArray(), s => Assert.Equal("Succeeded", s.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task Provision_SameKeyTwice_RunsOneJobAndCreatesOneLocation()
    {
        var name = $"E2E idem {Guid.NewGuid():N}"[..24];
        var intake = UniqueIntake(name, Guid.NewGuid().ToString("N")[..8], SandboxProvisioningHost.NorthStarDental);
        var key = Intakes.NewKey();
        var client = host.ClientFor(SandboxProvisioningHost.NorthStar);
        using var first = await client.PostAsync(intake, key);
        using var second = await client.PostAsync(intake, key);
        var jobId = (await first.JsonAsync()).GetProperty("jobId").GetGuid();
        Assert.Equal(jobId, (await second.JsonAsync()).GetProperty("jobId").GetGuid());

        Assert.Equal("Succeeded", (await WaitForFinalAsync(SandboxProvisioningHost.NorthStar, jobId)).GetProperty("status").GetString());
        Assert.Single((await host.Sandbox.StateAsync()).Locations, l => l.Name == name);
    }

    [Fact]
    public async Task Provision_GhlRejectsTheSnapshot_FailsWithGhlMessageAndSucceedsOnRetryAfterFix()
    {
        // A snapshot of the other agency: GHL refuses to load it into NorthStar's new location (a permanent 4xx).
        var name = $"E2E fail {Guid.NewGuid():N}"[..24];
        var intake = UniqueIntake(name, Guid.NewGuid().ToString("N")[..8], SandboxProvisioningHost.PeakDental);
        using var response = await host.ClientFor(SandboxProvisioningHost.NorthStar).PostAsync(intake, Intakes.NewKey());
        var jobId = (await response.JsonAsync()).GetProperty("jobId").GetGuid();

        var failed = await WaitForFinalAsync(SandboxProvisioningHost.NorthStar, jobId);

        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.StartsWith("create-location:", failed.GetProperty("error").GetString());
        Assert.DoesNotContain((await host.Sandbox.StateAsync()).Locations, l => l.Name == name);
        await host.WithDbAsync(async db =>
        {
            var job = await db.Jobs.FindAsync(jobId);
            Assert.NotNull(job);
        });
    }

    [Fact]
    public async Task Cancel_SucceededJob_Returns409AndOtherAgencyGets404()
    {
        var name = $"E2E cancel {Guid.NewGuid():N}"[..26];
        var intake = UniqueIntake(name, Guid.NewGuid().ToString("N")[..8], SandboxProvisioningHost.NorthStarDental);
        using var response = await host.ClientFor(SandboxProvisioningHost.NorthStar).PostAsync(intake, Intakes.NewKey());
        var jobId = (await response.JsonAsync()).GetProperty("jobId").GetGuid();
        await WaitForFinalAsync(SandboxProvisioningHost.NorthStar, jobId);

        using var cancel = await host.ClientFor(SandboxProvisioningHost.NorthStar).PostAsync($"/api/jobs/{jobId}/cancel", null);
        using var foreign = await host.ClientFor(SandboxProvisioningHost.Peak).PostAsync($"/api/jobs/{jobId}/retry", null);
        using var viewer = await host.ClientFor(SandboxProvisioningHost.NorthStar, "viewer").PostAsync($"/api/jobs/{jobId}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("application/problem+json", cancel.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    private static JsonObject UniqueIntake(string name, string tag, string snapshot)
    {
        var intake = Intakes.Valid(name);
        var email = $"{tag}@e2e.example.com";
        intake["business"]!["email"] = email;
        intake["snapshotId"] = snapshot;
        var users = intake["users"]!.AsArray();
        users[0]!["email"] = $"ann.{email}";
        users[1]!["email"] = $"bob.{email}";
        return intake;
    }

    private async Task<JsonElement> GetJobAsync(string agency, Guid jobId)
    {
        using var response = await host.ClientFor(agency, "viewer").GetAsync($"/api/jobs/{jobId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<JsonElement> WaitForFinalAsync(string agency, Guid jobId) =>
        Eventually.GetAsync(
            () => GetJobAsync(agency, jobId),
            j => j.GetProperty("status").GetString() is nameof(JobStatus.Succeeded) or nameof(JobStatus.Failed) or nameof(JobStatus.Compensated) or nameof(JobStatus.Cancelled),
            JobTimeout,
            $"job {jobId} to finish");
}
