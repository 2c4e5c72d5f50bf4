using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>The snapshot choice on the saga harness: the advisor's answer, its silence or fault, the agency default.</summary>
public sealed class ProvisioningSagaAdvisorTests
{
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
}
