using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>The answer to an accepted (or repeated) POST /api/provision.</summary>
public sealed record JobAccepted(Guid JobId, string Status);

/// <summary>What a job would do, returned by <c>?dryRun=true</c> without storing anything.</summary>
public sealed record ProvisionPlan(
    bool DryRun,
    SnapshotPlan Snapshot,
    IntakeBusiness Business,
    SortedDictionary<string, string> CustomValues,
    IReadOnlyList<IntakeUser> Users,
    IReadOnlyList<string> Steps);

/// <summary>
/// The snapshot a job would load and why. <see cref="Source"/> is <c>request</c>, <c>advisor</c>, <c>agency-default</c>
/// or <c>none</c> (the job would fail: <see cref="Reason"/> says what to do).
/// </summary>
public sealed record SnapshotPlan(string? SnapshotId, string Source, string Reason)
{
    /// <summary>Without asking the advisor (bulk dry runs: one request per row would be slow); the job asks when it runs.</summary>
    public static SnapshotPlan For(ValidatedIntake intake) => intake.SnapshotId is { } id
        ? new SnapshotPlan(id, "request", "The intake names this snapshot.")
        // No recommendation is invented here: the advisor is asked when the job runs, against the agency's library then.
        : new SnapshotPlan(null, "advisor", "No snapshot given: the snapshot advisor will choose one when the job runs.");
}
