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
}
