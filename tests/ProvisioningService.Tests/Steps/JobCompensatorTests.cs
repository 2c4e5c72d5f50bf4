using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient.Models;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class JobCompensatorTests
{
    [Fact]
    public async Task CompensateAsync_AfterAFullRun_UndoesUsersAndCustomValuesAndReportsTheRefusedLocationDeletion()
    {
        // Default sandbox: like GHL, it refuses DELETE /locations/{id} to apps (locations.internal-access-only).
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero));
        var (jobId, progress, tag) = await RunJobAsync(harness);

        var report = await harness.CompensateAsync(jobId, progress);

        var state = await harness.Sandbox.StateAsync();
        Assert.All(state.Users.Where(u => progress.CreatedUserIds.Contains(u.Id)), u => Assert.True(u.Deleted));
        Assert.Contains(state.Users, u => u.Email == $"eve-{tag}@brightsmiles.example" && !u.Deleted);   // existed before: untouched
        var values = state.CustomValues.Where(v => v.LocationId == progress.LocationId).ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal("Free exam & X-rays for $49", values["New Patient Offer"]);
        Assert.False(values.ContainsKey("Parking"));
        Assert.Contains(state.Locations, l => l.Id == progress.LocationId);

        Assert.Equal(3, report.Undone.Count);
        Assert.Contains($"user {progress.CreatedUserIds[0]} deleted", report.Undone);
        Assert.Contains(report.Undone, u => u.Contains("('New Patient Offer') restored to its previous value", StringComparison.Ordinal));
        Assert.Contains(report.Undone, u => u.Contains("('Parking') deleted", StringComparison.Ordinal));
        var refused = Assert.Single(report.NotUndone);
        Assert.StartsWith($"location {progress.LocationId} not undone: GHL locations.delete failed with HTTP 401", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompensateAsync_DeletionAllowedAndRunTwice_DeletesTheLocationThenFindsEverythingGone()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero, AllowLocationDelete: true));
        var (jobId, progress, _) = await RunJobAsync(harness);

        var first = await harness.CompensateAsync(jobId, progress);
        var second = await harness.CompensateAsync(jobId, progress);

        Assert.Empty(first.NotUndone);
        Assert.Contains($"location {progress.LocationId} deleted", first.Undone);
        Assert.DoesNotContain((await harness.Sandbox.StateAsync()).Locations, l => l.Id == progress.LocationId);
        Assert.Contains($"user {progress.CreatedUserIds[0]} already deleted", second.Undone);
        Assert.Contains($"location {progress.LocationId} already deleted", second.Undone);
        Assert.Contains(second.Undone, u => u.Contains("('Parking') already deleted", StringComparison.Ordinal));

        // The restored value went with its location: it can no longer be restored, and that is said, not hidden.
        Assert.Contains(second.NotUndone, u => u.Contains("('New Patient Offer') not undone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompensateAsync_ProgressLostWithARolledBackTransaction_UndoesWhatTheLedgersRecorded()
    {
        await using var harness = await StepsHarness.StartAsync(new SandboxSettings(TimeSpan.Zero, AllowLocationDelete: true));
        var (jobId, progress, _) = await RunJobAsync(harness);

        // Users are left out here: the users step recognises its own by the new location, the compensator cannot.
        var lost = new JobProgress { SnapshotId = progress.SnapshotId, CreatedUserIds = [.. progress.CreatedUserIds] };
        var report = await harness.CompensateAsync(jobId, lost);

        Assert.Empty(report.NotUndone);
        Assert.Equal(progress.LocationId, lost.LocationId);
        Assert.Equal(2, lost.CustomValueChanges.Count);
        Assert.Contains(report.Undone, u => u.Contains("('New Patient Offer') restored to its previous value", StringComparison.Ordinal));
        Assert.Contains($"location {progress.LocationId} deleted", report.Undone);
        Assert.DoesNotContain((await harness.Sandbox.StateAsync()).Locations, l => l.Id == progress.LocationId);
    }

    /// <summary>Location, custom values (one updated, one created) and users (one created, one pre-existing).</summary>
    private static async Task<(Guid JobId, JobProgress Progress, string Tag)> RunJobAsync(StepsHarness harness)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var eve = StepIntakes.User("Eve", "user", tag);
        var intake = StepIntakes.Create(
            new Dictionary<string, string> { ["New Patient Offer"] = "First visit free", ["Parking"] = "Free" },
            [StepIntakes.User("Ann", "admin", tag), eve], tag);
        var jobId = Guid.NewGuid();
        var progress = new JobProgress { SnapshotId = StepsSandbox.DentalSnapshot };
        await harness.RunAsync(ProvisioningSteps.CreateLocation, harness.Context(intake, progress, jobId));
        var elsewhere = await harness.Locations.CreateAsync(new GhlCreateLocationRequest { CompanyId = harness.AgencyId, Name = $"Other {tag}" });
        await harness.Users.CreateAsync(new GhlCreateUserRequest
        {
            CompanyId = harness.AgencyId, FirstName = eve.FirstName, LastName = eve.LastName, Email = eve.Email,
            Password = "Pre-existing-Pa55word!", Type = "account", Role = "user", LocationIds = [elsewhere.Id!],
        });
        await harness.RunAsync(ProvisioningSteps.CustomValues, harness.Context(intake, progress, jobId));
        await harness.RunAsync(ProvisioningSteps.Users, harness.Context(intake, progress, jobId));
        Assert.Single(progress.CreatedUserIds);
        return (jobId, progress, tag);
    }
}
