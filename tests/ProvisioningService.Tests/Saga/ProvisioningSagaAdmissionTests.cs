using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>Run slots on the saga harness: which job starts when, and in which consume.</summary>
public sealed class ProvisioningSagaAdmissionTests
{
    [Fact]
    public async Task Admission_OneSlotPerAgency_StartsJobsInSubmissionOrderOneAtATime()
    {
        await using var saga = await SagaHarness.StartAsync(o => o.MaxConcurrentJobsPerAgency = 1);
        var jobs = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await saga.SubmitAsync("agency-order"));
        }

        foreach (var job in jobs)
        {
            await saga.WaitForStatusAsync(job, JobStatus.Succeeded);
        }

        var started = new List<(Guid Job, DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var job in jobs)
        {
            var row = await saga.JobAsync(job);
            started.Add((job, row.StartedAt!.Value, row.CompletedAt!.Value));
        }

        Assert.Equal(jobs, started.OrderBy(s => s.Start).Select(s => s.Job));
        Assert.True(started[1].Start >= started[0].End && started[2].Start >= started[1].End, "jobs of one agency overlapped with a limit of 1");
    }

    [Fact]
    public async Task Admission_AgencySettingOfTwoSlots_RunsTwoAtOnceWhileOtherAgenciesKeepTheDefault()
    {
        // The service default is one slot; the agency's own setting gives it two. Every snapshot load stays pending for
        // a few polls, so jobs that may overlap do.
        await using var saga = await SagaHarness.StartAsync(o => o.MaxConcurrentJobsPerAgency = 1);
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, [.. Enumerable.Repeat(Outcome.Wait, 24), Outcome.Complete]);
        await saga.SetAgencyAsync("agency-two-slots", null, 2);
        var wide = new List<Guid>();
        var narrow = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            wide.Add(await saga.SubmitAsync("agency-two-slots"));
            narrow.Add(await saga.SubmitAsync("agency-default-slots"));
        }

        Assert.Equal(2, await MostRunningAtOnceAsync(saga, wide));
        Assert.Equal(1, await MostRunningAtOnceAsync(saga, narrow));
    }

    /// <summary>The largest number of the jobs whose [started, completed] intervals overlap, once all succeeded.</summary>
    private static async Task<int> MostRunningAtOnceAsync(SagaHarness saga, IReadOnlyList<Guid> jobs)
    {
        var intervals = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var job in jobs)
        {
            var row = await saga.WaitForStatusAsync(job, JobStatus.Succeeded);
            intervals.Add((row.StartedAt!.Value, row.CompletedAt!.Value));
        }

        return intervals.Max(i => intervals.Count(other => other.Start <= i.Start && i.Start < other.End));
    }

    [Fact]
    public async Task Start_BeforeItsOwnRequestIsConsumed_StillUsesTheRequestedSnapshot()
    {
        // Another job's admission can grant this job a slot before its ProvisioningRequested is consumed.
        await using var saga = await SagaHarness.StartAsync();
        saga.Advisor.Mode = AdvisorMode.Unsure;
        var jobId = await saga.SubmitAsync("agency-early-start", publishRequest: false);
        await saga.SendAsync(new StartProvisioning(jobId, "agency-early-start", DateTimeOffset.UtcNow));

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);
        await saga.SendAsync(new ProvisioningRequested(jobId, "agency-early-start", "Acme Plumbing", "snap-requested", "user:test", DateTimeOffset.UtcNow));

        Assert.Equal("snap-requested", job.SnapshotId);
        Assert.StartsWith("request:", job.SnapshotReason);
        Assert.Single(saga.Steps.Runs, r => r.Step == ProvisioningSteps.CreateLocation);
    }

    [Fact]
    public async Task Request_SlotFreeAndSnapshotNamed_StartsInItsOwnConsumeWithoutStartProvisioning()
    {
        await using var saga = await SagaHarness.StartAsync(o => o.MaxConcurrentJobsPerAgency = 1);

        // The first job's snapshot load stays pending for ten polls (≈ 1 s): the second is consumed while it still runs.
        // Otherwise the first can finish before the second is even stored, and the second then takes the free slot itself.
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, [.. Enumerable.Repeat(Outcome.Wait, 10), Outcome.Complete]);
        var first = await saga.SubmitAsync("agency-direct");

        // The second is submitted once the first has started: submitted together, the second's request can be consumed
        // first, and its admission then rightly starts the older job by StartProvisioning (a race, not what is tested).
        await Eventually.TrueAsync(async () => (await saga.JobAsync(first)).StartedAt is not null, TimeSpan.FromSeconds(30), "the first job to start");
        var second = await saga.SubmitAsync("agency-direct");

        var job = await saga.WaitForStatusAsync(first, JobStatus.Succeeded);
        await saga.WaitForStatusAsync(second, JobStatus.Succeeded);

        // The first job had the free slot when its request was consumed; the second got its slot from the first's release.
        Assert.False(await PublishedWithinAsync<StartProvisioning>(saga, m => m.JobId == first), "StartProvisioning was sent to the job that took the free slot itself");
        Assert.True(await PublishedWithinAsync<StartProvisioning>(saga, m => m.JobId == second), "the queued job was never started");
        var choose = job.Steps.Single(s => s.Name == ProvisioningSteps.ChooseSnapshot);
        Assert.Equal(StepStatus.Succeeded, choose.Status);
        Assert.Equal("snap-requested (given by the intake)", choose.Detail);
        var types = (await saga.EventsAsync(first)).Select(e => e.Type).ToList();
        Assert.Equal(["Queued", "Running", nameof(JobStepStarted), nameof(SnapshotChosen), nameof(JobStepCompleted), nameof(JobStepStarted)], types.Take(6));
        Assert.Equal(ProvisioningSteps.All.Count, types.Count(t => t == nameof(JobStepCompleted)));
        Assert.Equal($"loc-{first:N}", job.LocationId);
    }

    [Fact]
    public async Task Request_SlotFreeAndNoSnapshot_StartsInItsOwnConsumeAndAsksTheAdvisor()
    {
        await using var saga = await SagaHarness.StartAsync();
        var jobId = await saga.SubmitAsync("agency-direct-advised", snapshotId: null);

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.False(await PublishedWithinAsync<StartProvisioning>(saga, m => m.JobId == jobId), "StartProvisioning was sent to the job that took the free slot itself");
        Assert.Equal("snap-advised", job.SnapshotId);
        Assert.Equal(["snap-advised (advisor)"], job.Steps.Where(s => s.Name == ProvisioningSteps.ChooseSnapshot).Select(s => s.Detail));
    }

    /// <summary>Whether a matching message was published; a short wait, as a missing one only ends with the harness's timeout.</summary>
    private static async Task<bool> PublishedWithinAsync<T>(SagaHarness saga, Func<T, bool> filter) where T : class
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            return await saga.Bus.Published.Any<T>(m => filter(m.Context.Message), wait.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
