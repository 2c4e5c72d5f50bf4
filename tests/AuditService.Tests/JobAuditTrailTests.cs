using System.Text.Json;
using Provisioner.Contracts.Advisor;
using Provisioner.Contracts.Provisioning;

namespace Provisioner.AuditService.Tests;

/// <summary>
/// Issue 8's "Done when" at the service level: a job's events, published through RabbitMQ in the order the saga emits
/// them, come back from <c>GET /api/audit?jobId=</c> as the job's every step in order, and the chain verifies.
/// </summary>
public sealed class JobAuditTrailTests
{
    [Fact]
    public async Task List_ByJobIdAfterAFullJob_EveryStepInOrderAndVerifyOk()
    {
        await using var host = await AuditHost.StartAsync();
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        var job = Guid.NewGuid();
        var otherJob = Guid.NewGuid();
        var trail = new JobTrail(host);

        await trail.PublishAsync(job, t => new ProvisioningRequested(job, agency, "Acme Dental", null, "user-1", t));
        await trail.PublishAsync(otherJob, t => new ProvisioningRequested(otherJob, agency, "Other Co", "snap-x", "user-2", t));
        await trail.PublishAsync(job, t => new StartProvisioning(job, agency, t));
        await trail.PublishAsync(job, t => new ProvisioningStarted(job, agency, null, t));
        await trail.PublishAsync(job, t => new JobStepStarted(job, agency, ProvisioningSteps.ChooseSnapshot, 1, t));
        await trail.PublishAsync(job, _ => new RecommendSnapshot(job, agency, new AdvisorBusiness(
            "Acme Dental", "front@acme.test", null, null, null, null, null, null, "US", "America/Chicago", "dental", null, null)));
        await trail.PublishAsync(job, t => new SnapshotChosen(job, agency, "snap-dental", "advisor", "dental clinic template", t));
        await trail.PublishAsync(job, t => new JobStepCompleted(job, agency, ProvisioningSteps.ChooseSnapshot, 1, null, "snap-dental", t));
        await trail.PublishAsync(otherJob, t => new StartProvisioning(otherJob, agency, t));
        await trail.PublishAsync(job, t => new JobStepStarted(job, agency, ProvisioningSteps.CreateLocation, 1, t));
        await trail.PublishAsync(job, t => new JobStepCompleted(job, agency, ProvisioningSteps.CreateLocation, 1, "loc-1", "location loc-1 created", t));
        await trail.PublishAsync(job, t => new JobStepStarted(job, agency, ProvisioningSteps.WaitForSnapshot, 1, t));
        await trail.PublishAsync(job, t => new SnapshotLoadProgressed(job, agency, "loc-1", "snap-dental", "loading", 40, 1, t));
        await trail.PublishAsync(job, t => new SnapshotLoadProgressed(job, agency, "loc-1", "snap-dental", "loading", 90, 2, t));
        await trail.PublishAsync(job, t => new JobStepCompleted(job, agency, ProvisioningSteps.WaitForSnapshot, 1, "loc-1", "snapshot loaded", t));
        await trail.PublishAsync(job, t => new JobStepStarted(job, agency, ProvisioningSteps.CustomValues, 1, t));
        await trail.PublishAsync(job, t => new JobStepCompleted(job, agency, ProvisioningSteps.CustomValues, 1, "loc-1", "3 custom values set", t));
        await trail.PublishAsync(job, t => new JobStepStarted(job, agency, ProvisioningSteps.Users, 1, t));
        await trail.PublishAsync(job, t => new JobStepFailed(job, agency, ProvisioningSteps.Users, 1, "GHL answered 503", true, t));
        await trail.PublishAsync(job, t => new JobStepStarted(job, agency, ProvisioningSteps.Users, 2, t));
        await trail.PublishAsync(job, t => new JobStepCompleted(job, agency, ProvisioningSteps.Users, 2, "loc-1", "2 users created", t));
        await trail.PublishAsync(job, t => new ProvisioningSucceeded(job, agency, "loc-1", "snap-dental", t));
        await host.WaitForEntriesAsync(agency, trail.Count);

        var client = host.ClientFor(agency, "viewer");
        var page = await client.GetJsonAsync($"/api/audit?jobId={job}&pageSize=500");
        var verify = await host.ClientFor(agency, "operator").GetJsonAsync("/api/audit/verify");
        var foreign = await host.ClientFor("ag-" + Guid.NewGuid().ToString("N"), "admin").GetJsonAsync($"/api/audit?jobId={job}");

        // Newest first on the wire; read oldest first, it is the job's story exactly as published.
        var items = page.GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal(trail.IdsOf(job), items.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(trail.IdsOf(job).Count, page.GetProperty("total").GetInt32());
        Assert.All(items, i => Assert.Equal(job.ToString("D"), i.GetProperty("jobId").GetString()));
        Assert.All(items, i => Assert.Equal(agency, i.GetProperty("agencyId").GetString()));
        Assert.Equal(ProvisioningSteps.All, StepsCompleted(items));
        Assert.Equal(
        [
            "Provisioning of \"Acme Dental\" requested by user-1, snapshot to be advised",
            "Job got a run slot",
            "Job started",
            "Step choose-snapshot started",
            "Snapshot recommendation requested for \"Acme Dental\"",
            "Snapshot snap-dental chosen (advisor): dental clinic template",
            "Step choose-snapshot completed: snap-dental",
            "Step create-location started",
            "Step create-location completed: location loc-1 created",
            "Step wait-for-snapshot started",
            "Snapshot snap-dental loading into location loc-1: loading, 40% (poll 1)",
            "Snapshot snap-dental loading into location loc-1: loading, 90% (poll 2)",
            "Step wait-for-snapshot completed: snapshot loaded",
            "Step custom-values started",
            "Step custom-values completed: 3 custom values set",
            "Step users started",
            "Step users failed, will be retried: GHL answered 503",
            "Step users started (attempt 2)",
            "Step users completed (attempt 2): 2 users created",
            "Job succeeded: location loc-1 with snapshot snap-dental",
        ], items.Select(i => i.GetProperty("summary").GetString()));
        Assert.Equal("provisioning.job-step-completed", items[6].GetProperty("action").GetString());
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
        Assert.Equal(trail.Count, verify.GetProperty("checked").GetInt64());
        Assert.Equal(0, foreign.GetProperty("total").GetInt32());
    }

    private static List<string> StepsCompleted(List<JsonElement> items) =>
        [.. items
            .Where(i => i.GetProperty("action").GetString() == "provisioning.job-step-completed")
            .Select(i => i.GetProperty("payload").GetProperty("step").GetString()!)];

    /// <summary>
    /// Publishes one message at a time, each stamped later than the one before (as the saga's clock does), and
    /// remembers each job's message ids in publishing order.
    /// </summary>
    private sealed class JobTrail(AuditHost host)
    {
        private readonly Dictionary<Guid, List<Guid>> ids = [];
        private DateTimeOffset last = DateTimeOffset.MinValue;

        public int Count { get; private set; }

        public IReadOnlyList<Guid> IdsOf(Guid job) => ids[job];

        public async Task PublishAsync<T>(Guid job, Func<DateTimeOffset, T> create) where T : class
        {
            // Real time, at least a millisecond after the previous event: stored times are microseconds, so no two tie,
            // and a message without a time of its own (RecommendSnapshot: its SentTime is used) falls in its place too.
            while (DateTimeOffset.UtcNow <= last.AddMilliseconds(1))
            {
                await Task.Delay(1);
            }

            last = DateTimeOffset.UtcNow;
            var id = Guid.NewGuid();
            await host.PublishAsync(create(last), id);
            (ids.TryGetValue(job, out var list) ? list : ids[job] = []).Add(id);
            Count++;
        }
    }
}
