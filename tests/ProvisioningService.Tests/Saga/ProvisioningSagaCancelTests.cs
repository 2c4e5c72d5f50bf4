using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>Cancelling a job on the saga harness: at a step boundary, with compensation, or before it runs.</summary>
public sealed class ProvisioningSagaCancelTests
{
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
}
