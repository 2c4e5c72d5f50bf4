using Microsoft.Extensions.Time.Testing;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class WaitForSnapshotStepTests
{
    [Fact]
    public async Task RunAsync_LoadInProgressThenDone_WaitsWithProgressThenCompletes()
    {
        // The sandbox's load advances with its clock only: the test moves it.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.FromMinutes(4), clock));
        var progress = await CreateLocationAsync(harness);
        var context = harness.Context(StepIntakes.Create(), progress);

        var pending = Assert.IsType<StepResult.Waiting>(await harness.RunAsync(ProvisioningSteps.WaitForSnapshot, context));
        Assert.Equal("processing", pending.Status);
        Assert.InRange(pending.PercentComplete, 0, 99);
        Assert.Matches(@"^\d+ of \d+ assets$", pending.Detail);

        clock.Advance(TimeSpan.FromMinutes(2));
        var halfway = Assert.IsType<StepResult.Waiting>(await harness.RunAsync(ProvisioningSteps.WaitForSnapshot, context));
        Assert.True(halfway.PercentComplete > pending.PercentComplete, $"{halfway.PercentComplete}% after 2 of 4 minutes, {pending.PercentComplete}% at the start");

        clock.Advance(TimeSpan.FromMinutes(3));
        var done = Assert.IsType<StepResult.Completed>(await harness.RunAsync(ProvisioningSteps.WaitForSnapshot, context));
        var load = Assert.Single((await harness.Sandbox.StateAsync()).SnapshotLoads, l => l.LocationId == progress.LocationId);
        Assert.Equal($"snapshot loaded: {load.Completed.Length} assets", done.Detail);
    }

    [Fact]
    public async Task RunAsync_PastTheDeadline_FailsWithoutRetry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StepsHarness.StartAsync(
            new SandboxSettings(TimeSpan.FromMinutes(30), clock),
            new Dictionary<string, string?> { ["StepOptions:SnapshotLoadTimeout"] = "00:15:00" });
        var progress = await CreateLocationAsync(harness);

        // The step has been waiting since 16 minutes ago (the deadline counts from the first run).
        var context = harness.Context(StepIntakes.Create(), progress, startedAt: DateTimeOffset.UtcNow.AddMinutes(-16));
        var error = await Assert.ThrowsAsync<StepFailedException>(() => harness.RunAsync(ProvisioningSteps.WaitForSnapshot, context));

        Assert.False(error.Retryable);
        Assert.Contains("did not finish within 00:15:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoLocationYet_FailsWithoutRetry()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<StepFailedException>(() =>
            harness.RunAsync(ProvisioningSteps.WaitForSnapshot, harness.Context(StepIntakes.Create(), new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot })));

        Assert.False(error.Retryable);
    }

    private static async Task<JobProgress> CreateLocationAsync(StepsHarness harness)
    {
        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(StepIntakes.Create(), progress));
        return progress;
    }
}
