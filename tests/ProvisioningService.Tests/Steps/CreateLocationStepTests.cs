using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class CreateLocationStepTests
{
    private static readonly SandboxSettings Instant = new(TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_FirstRun_CreatesLocationWithSnapshotAndRecordsIt()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        var intake = StepIntakes.Create();
        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        var context = harness.Context(intake, progress);

        var result = await harness.RunAsync(ProvisioningSteps.CreateLocation, context);

        var location = Assert.Single((await harness.Sandbox.StateAsync()).Locations, l => l.Name == intake.Business.Name);
        Assert.Equal(location.Id, progress.LocationId);
        Assert.Equal(StepsSandbox.DentalSnapshot, location.SnapshotId);
        Assert.Equal(intake.Business.Email, location.Email);
        Assert.Equal(harness.AgencyId, location.CompanyId);
        Assert.Equal($"location {location.Id} created with snapshot {StepsSandbox.DentalSnapshot}", Assert.IsType<StepResult.Completed>(result).Detail);
        Assert.Equal(location.Id, (await harness.Ledger.FindAsync(context.JobId, harness.AgencyId, default))!.LocationId);
    }

    [Fact]
    public async Task RunAsync_CrashAfterCreateBeforeAnythingRecordedItsId_AdoptsTheLocationInsteadOfCreatingASecond()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        var intake = StepIntakes.Create();
        var jobId = Guid.NewGuid();

        // The crashed run: the attempt was committed to the ledger, the POST reached GHL, then the process died — the
        // saga's transaction (and the progress with the location id) rolled back, and the ledger never got the id.
        await harness.Ledger.RecordAttemptAsync(jobId, harness.AgencyId, intake.Business.Name, intake.Business.Email, DateTimeOffset.UtcNow, default);
        var created = await harness.Locations.CreateAsync(LocationRequests.Create(harness.AgencyId, StepsSandbox.DentalSnapshot, intake));

        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        var result = await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress, jobId));

        Assert.Equal(created.Id, progress.LocationId);
        Assert.Contains("adopted", Assert.IsType<StepResult.Completed>(result).Detail, StringComparison.Ordinal);
        Assert.Single((await harness.Sandbox.StateAsync()).Locations, l => l.Name == intake.Business.Name);
        Assert.Equal(created.Id, (await harness.Ledger.FindAsync(jobId, harness.AgencyId, default))!.LocationId);
    }

    [Fact]
    public async Task RunAsync_RerunAfterTransactionRolledBack_AdoptsTheLocationTheLedgerRecorded()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        var intake = StepIntakes.Create();
        var jobId = Guid.NewGuid();
        var first = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, first, jobId));

        // Redelivered: the saga's copy of the progress is the one from before the first run.
        var again = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, again, jobId));

        Assert.Equal(first.LocationId, again.LocationId);
        Assert.Single((await harness.Sandbox.StateAsync()).Locations, l => l.Name == intake.Business.Name);
    }

    [Fact]
    public async Task RunAsync_AmbiguousCreateThatCreatedNothing_IsRetryableAndTheRetryCreatesExactlyOne()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        var intake = StepIntakes.Create();
        var jobId = Guid.NewGuid();
        await harness.Sandbox.AddFaultAsync("POST", "/locations/", 503, count: 1);

        var error = await Assert.ThrowsAsync<GhlAmbiguousCreateException>(() =>
            harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot }, jobId)));
        Assert.True(StepFailureClassifier.IsRetryable(error));

        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress, jobId));

        var location = Assert.Single((await harness.Sandbox.StateAsync()).Locations, l => l.Name == intake.Business.Name);
        Assert.Equal(location.Id, progress.LocationId);
        Assert.Equal(2, (await harness.Ledger.FindAsync(jobId, harness.AgencyId, default))!.Attempts);
    }

    [Fact]
    public async Task RunAsync_TwoCandidatesAfterAnInterruptedAttempt_FailsForAPersonToChoose()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        var intake = StepIntakes.Create();
        var jobId = Guid.NewGuid();
        await harness.Ledger.RecordAttemptAsync(jobId, harness.AgencyId, intake.Business.Name, intake.Business.Email, DateTimeOffset.UtcNow, default);
        var request = LocationRequests.Create(harness.AgencyId, StepsSandbox.DentalSnapshot, intake);
        await harness.Locations.CreateAsync(request);
        await harness.Locations.CreateAsync(request);

        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        var error = await Assert.ThrowsAsync<StepFailedException>(() =>
            harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress, jobId)));

        Assert.False(error.Retryable);
        Assert.Contains("Found 2 candidate locations", error.Message, StringComparison.Ordinal);
        Assert.Null(progress.LocationId);
        Assert.Equal(2, (await harness.Sandbox.StateAsync()).Locations.Count(l => l.Name == intake.Business.Name));
    }

    [Fact]
    public async Task RunAsync_CandidateAlreadyClaimedByAnotherJob_IsNotAdopted()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        var intake = StepIntakes.Create();

        // Another job provisioned the same business earlier and owns its location.
        var otherJob = Guid.NewGuid();
        var other = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, other, otherJob));

        var jobId = Guid.NewGuid();
        await harness.Ledger.RecordAttemptAsync(jobId, harness.AgencyId, intake.Business.Name, intake.Business.Email, DateTimeOffset.UtcNow, default);
        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress, jobId));

        Assert.NotNull(progress.LocationId);
        Assert.NotEqual(other.LocationId, progress.LocationId);
        Assert.Equal(2, (await harness.Sandbox.StateAsync()).Locations.Count(l => l.Name == intake.Business.Name));
    }

    [Fact]
    public async Task AddProvisioningSteps_Resolved_CatalogHoldsTheFourGhlStepsInJobOrder()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);
        await using var scope = harness.Services.CreateAsyncScope();

        var catalog = scope.ServiceProvider.GetRequiredService<StepCatalog>();

        Assert.Equal(ProvisioningSteps.All.Skip(1), catalog.Names);
        Assert.IsType<JobCompensator>(scope.ServiceProvider.GetRequiredService<IJobCompensator>());
    }

    [Fact]
    public async Task RunAsync_NoSnapshotChosen_FailsWithoutRetry()
    {
        await using var harness = await StepsHarness.StartAsync(Instant);

        var error = await Assert.ThrowsAsync<StepFailedException>(() =>
            harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(StepIntakes.Create(), new JobProgress())));

        Assert.False(error.Retryable);
        Assert.DoesNotContain((await harness.Sandbox.StateAsync()).Locations, l => l.CompanyId == harness.AgencyId && l.Name.StartsWith("Bright", StringComparison.Ordinal));
    }
}
