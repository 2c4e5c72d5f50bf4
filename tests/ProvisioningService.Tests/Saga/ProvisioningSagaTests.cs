using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>The saga's paths on the test harness; steps are scripted, the database and saga repository are real.</summary>
public sealed class ProvisioningSagaTests
{
    private static readonly string[] GhlSteps =
        [ProvisioningSteps.CreateLocation, ProvisioningSteps.WaitForSnapshot, ProvisioningSteps.CustomValues, ProvisioningSteps.Users];

    [Fact]
    public async Task Job_HappyPath_RunsEveryStepOnceAndSucceeds()
    {
        await using var saga = await SagaHarness.StartAsync();
        var jobId = await saga.SubmitAsync("agency-happy");

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal(GhlSteps, saga.Steps.Runs.Select(r => r.Step));
        Assert.All(job.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal($"loc-{jobId:N}", job.LocationId);
        Assert.Equal("snap-requested", job.SnapshotId);
        var types = (await saga.EventsAsync(jobId)).Select(e => e.Type).ToList();
        Assert.Equal("Queued", types[0]);
        Assert.Equal("Succeeded", types[^1]);
        Assert.Equal(ProvisioningSteps.All.Count, types.Count(t => t == nameof(JobStepCompleted)));
        Assert.True(await saga.Bus.Published.Any<ProvisioningSucceeded>(m => m.Context.Message.JobId == jobId));
    }

    [Fact]
    public async Task Job_SnapshotLoadPending_PollsUntilLoadedAndReportsProgress()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, Outcome.Wait, Outcome.Wait, Outcome.Complete);
        var jobId = await saga.SubmitAsync("agency-poll");

        await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal(3, saga.Steps.Runs.Count(r => r.Step == ProvisioningSteps.WaitForSnapshot));
        Assert.All(saga.Steps.Runs, r => Assert.Equal(1, r.Attempt));
        Assert.Equal(2, (await saga.EventsAsync(jobId)).Count(e => e.Type == nameof(SnapshotLoadProgressed)));
    }

    [Fact]
    public async Task Job_TransientFailure_RetriesWithBackoffAndSucceeds()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.CustomValues, Outcome.Transient, Outcome.Transient, Outcome.Complete);
        var jobId = await saga.SubmitAsync("agency-transient");

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal([1, 2, 3], saga.Steps.Runs.Where(r => r.Step == ProvisioningSteps.CustomValues).Select(r => r.Attempt));
        Assert.Equal(3, job.Steps.Single(s => s.Name == ProvisioningSteps.CustomValues).Attempts);
        Assert.Equal(2, (await saga.EventsAsync(jobId)).Count(e => e.Type == nameof(JobStepFailed)));
    }

    [Fact]
    public async Task Job_RateLimitedWithRetryAfter_NextAttemptWaitsAtLeastThatLong()
    {
        // The harness's backoff is 50–200 ms: without the Retry-After floor the second attempt would come at once.
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.CustomValues, Outcome.RateLimited, Outcome.Complete);
        var jobId = await saga.SubmitAsync("agency-retry-after");

        await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        var runs = saga.Steps.Runs.Where(r => r.Step == ProvisioningSteps.CustomValues).ToList();
        Assert.Equal([1, 2], runs.Select(r => r.Attempt));
        Assert.True(runs[1].At - runs[0].At >= SagaScript.RateLimitedRetryAfter - TimeSpan.FromMilliseconds(100),
            $"The second attempt came {(runs[1].At - runs[0].At).TotalMilliseconds:0} ms after the 429 that asked for {SagaScript.RateLimitedRetryAfter}.");
    }

    [Fact]
    public async Task Job_TransientFailuresExhaustAttempts_FailsAtThatStep()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.Users, Outcome.Transient);
        var jobId = await saga.SubmitAsync("agency-exhaust");

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Failed);

        Assert.Equal(3, saga.Steps.Runs.Count(r => r.Step == ProvisioningSteps.Users));
        Assert.Contains("503", job.Error);
        Assert.Equal(StepStatus.Failed, job.Steps.Single(s => s.Name == ProvisioningSteps.Users).Status);
    }

    [Fact]
    public async Task Job_PermanentFailure_FailsWithoutRetryingAndKeepsGhlMessage()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.CreateLocation, Outcome.Permanent);
        var jobId = await saga.SubmitAsync("agency-permanent");

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Failed);

        Assert.Single(saga.Steps.Runs, r => r.Step == ProvisioningSteps.CreateLocation);
        Assert.DoesNotContain(saga.Steps.Runs, r => r.Step == ProvisioningSteps.WaitForSnapshot);
        Assert.Contains("422 (bad data)", job.Error);
        Assert.True(await saga.Bus.Published.Any<ProvisioningFailed>(m => m.Context.Message.JobId == jobId));
    }

    [Fact]
    public async Task Retry_FailedJob_ResumesFromTheFailedStepNotTheStart()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.CustomValues, Outcome.Permanent, Outcome.Complete);
        var jobId = await saga.SubmitAsync("agency-retry");
        await saga.WaitForStatusAsync(jobId, JobStatus.Failed);

        await saga.SendAsync(new RetryProvisioning(jobId, "agency-retry", "user:test", DateTimeOffset.UtcNow));
        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal(
            [ProvisioningSteps.CreateLocation, ProvisioningSteps.WaitForSnapshot, ProvisioningSteps.CustomValues, ProvisioningSteps.CustomValues, ProvisioningSteps.Users],
            saga.Steps.Runs.Select(r => r.Step));
        Assert.Null(job.Error);
        Assert.Contains(await saga.EventsAsync(jobId), e => e.Type == "Retried");
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsAtNextStepBoundaryAndCompensates()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, Outcome.Wait);
        var jobId = await saga.SubmitAsync("agency-cancel");
        await Eventually.TrueAsync(() => Task.FromResult(saga.Steps.Runs.Any(r => r.Step == ProvisioningSteps.WaitForSnapshot)),
            TimeSpan.FromSeconds(30), "the snapshot wait to start");

        await saga.SendAsync(new CancelProvisioning(jobId, "agency-cancel", "user:canceller", DateTimeOffset.UtcNow));
        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Compensated);

        Assert.DoesNotContain(saga.Steps.Runs, r => r.Step == ProvisioningSteps.CustomValues);
        var undone = Assert.Single(saga.Compensator.Calls);
        Assert.Equal($"loc-{jobId:N}", undone.LocationId);
        Assert.Empty(job.CompensationOutstanding ?? string.Empty);
        Assert.Contains(job.Steps, s => s.Name == ProvisioningSteps.Users && s.Status == StepStatus.Skipped);
        Assert.True(await saga.Bus.Published.Any<ProvisioningCompensated>(m => m.Context.Message.JobId == jobId));
    }

    [Fact]
    public async Task Cancel_FailedJobWhoseLocationCannotBeDeleted_RecordsWhatRemainsForAPerson()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Compensator.RefuseLocation = true;
        saga.Steps.Plan(ProvisioningSteps.Users, Outcome.Permanent);
        var jobId = await saga.SubmitAsync("agency-refuse");
        await saga.WaitForStatusAsync(jobId, JobStatus.Failed);

        await saga.SendAsync(new CancelProvisioning(jobId, "agency-refuse", "user:canceller", DateTimeOffset.UtcNow));
        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Compensated);

        Assert.Contains("GHL refused the deletion", job.CompensationOutstanding);
        Assert.Contains("Not undone", job.Error);
    }

    [Fact]
    public async Task Cancel_QueuedJob_EndsCancelledWithoutTouchingGhl()
    {
        await using var saga = await SagaHarness.StartAsync(o => o.MaxConcurrentJobsPerAgency = 1);
        saga.Steps.Plan(ProvisioningSteps.WaitForSnapshot, Outcome.Wait);
        var first = await saga.SubmitAsync("agency-queue");
        var second = await saga.SubmitAsync("agency-queue");
        await Eventually.TrueAsync(() => Task.FromResult(saga.Steps.Runs.Any(r => r.Step == ProvisioningSteps.WaitForSnapshot)),
            TimeSpan.FromSeconds(30), "the first job to run");

        await saga.SendAsync(new CancelProvisioning(second, "agency-queue", "user:test", DateTimeOffset.UtcNow));
        await saga.WaitForStatusAsync(second, JobStatus.Cancelled);

        Assert.Equal(JobStatus.Running, (await saga.JobAsync(first)).Status);
        Assert.Empty(saga.Compensator.Calls);
    }

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
        var first = await saga.SubmitAsync("agency-direct");
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

    [Fact]
    public async Task Advisor_ConfidentAnswer_IsUsedAndExplained()
    {
        await using var saga = await SagaHarness.StartAsync();
        var jobId = await saga.SubmitAsync("agency-advised", snapshotId: null);

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal("snap-advised", job.SnapshotId);
        Assert.StartsWith("advisor:", job.SnapshotReason);
        Assert.Contains("Industry matches.", job.SnapshotReason);
    }

    [Fact]
    public async Task Advisor_Timeout_FallsBackToTheAgencyDefault()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Advisor.Mode = AdvisorMode.Silent;
        await saga.SetAgencyAsync("agency-timeout", "snap-default", null);
        var jobId = await saga.SubmitAsync("agency-timeout", snapshotId: null);

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal("snap-default", job.SnapshotId);
        Assert.Contains("did not answer within", job.SnapshotReason);
    }

    [Fact]
    public async Task Advisor_NotConfidentAndNoDefault_FailsWithAClearReason()
    {
        await using var saga = await SagaHarness.StartAsync();
        saga.Advisor.Mode = AdvisorMode.Unsure;
        var jobId = await saga.SubmitAsync("agency-unsure", snapshotId: null);

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Failed);

        Assert.Contains("not confident", job.Error);
        Assert.Contains("no default snapshot", job.Error);
        Assert.Empty(saga.Steps.Runs);
    }

    [Fact]
    public async Task Advisor_Faults_FallsBackToTheAgencyDefault()
    {
        // Long enough for the endpoint's retries to give up and publish the fault before the timeout fires.
        await using var saga = await SagaHarness.StartAsync(o => o.AdvisorTimeout = TimeSpan.FromSeconds(60));
        saga.Advisor.Mode = AdvisorMode.Throws;
        await saga.SetAgencyAsync("agency-fault", "snap-default", null);
        var jobId = await saga.SubmitAsync("agency-fault", snapshotId: null);

        var job = await saga.WaitForStatusAsync(jobId, JobStatus.Succeeded);

        Assert.Equal("snap-default", job.SnapshotId);
        Assert.Contains("advisor failed", job.SnapshotReason);
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
