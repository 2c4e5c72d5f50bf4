using Provisioner.Contracts.Advisor;
using Provisioner.Contracts.Provisioning;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// The events a successful job publishes, in the saga's order (19 per job: one snapshot-load poll and one retried
/// step), spread round-robin over a number of agencies: the mix AuditService sees when jobs run, not one synthetic message type.
/// </summary>
internal static class SagaEvents
{
    private static readonly AdvisorBusiness Business = new(
        "Bench Dental", "front@bench.test", "+15550100", null, null, "Austin", "TX", null, "US", "America/Chicago", "dental",
        "A family dental clinic", null);

    /// <summary>Event <paramref name="index"/> of the run: job index / events-per-job, agency job mod agencies.</summary>
    public static object Create(int index, int agencies, string runId, DateTimeOffset now)
    {
        var jobNumber = index / PerJob;
        var job = JobId(runId, jobNumber);
        var agency = AgencyId(runId, jobNumber % agencies);
        return Step(index % PerJob, job, agency, now);
    }

    /// <summary>The job and agency of event <paramref name="index"/>, as the audit's extraction convention reads them.</summary>
    public static (Guid Job, string Agency) Owner(int index, int agencies, string runId)
    {
        var jobNumber = index / PerJob;
        return (JobId(runId, jobNumber), AgencyId(runId, jobNumber % agencies));
    }

    public static string AgencyId(string runId, int number) => $"bench-{runId}-{number}";

    public const int PerJob = 19;

    private static Guid JobId(string runId, int jobNumber) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{runId}/{jobNumber}")));

    private static object Step(int n, Guid job, string agency, DateTimeOffset t) => n switch
    {
        0 => new ProvisioningRequested(job, agency, "Bench Dental", null, "bench-user", t),
        1 => new StartProvisioning(job, agency, t),
        2 => new ProvisioningStarted(job, agency, null, t),
        3 => new JobStepStarted(job, agency, ProvisioningSteps.ChooseSnapshot, 1, t),
        4 => new RecommendSnapshot(job, agency, Business),
        5 => new SnapshotChosen(job, agency, "snap-dental", "advisor", "dental clinic template", t),
        6 => new JobStepCompleted(job, agency, ProvisioningSteps.ChooseSnapshot, 1, null, "snap-dental", t),
        7 => new JobStepStarted(job, agency, ProvisioningSteps.CreateLocation, 1, t),
        8 => new JobStepCompleted(job, agency, ProvisioningSteps.CreateLocation, 1, "loc-1", "location loc-1 created", t),
        9 => new JobStepStarted(job, agency, ProvisioningSteps.WaitForSnapshot, 1, t),
        10 => new SnapshotLoadProgressed(job, agency, "loc-1", "snap-dental", "loading", 60, 1, t),
        11 => new JobStepCompleted(job, agency, ProvisioningSteps.WaitForSnapshot, 1, "loc-1", "snapshot loaded", t),
        12 => new JobStepStarted(job, agency, ProvisioningSteps.CustomValues, 1, t),
        13 => new JobStepCompleted(job, agency, ProvisioningSteps.CustomValues, 1, "loc-1", "3 custom values set", t),
        14 => new JobStepStarted(job, agency, ProvisioningSteps.Users, 1, t),
        15 => new JobStepFailed(job, agency, ProvisioningSteps.Users, 1, "GHL answered 503", true, t),
        16 => new JobStepStarted(job, agency, ProvisioningSteps.Users, 2, t),
        17 => new JobStepCompleted(job, agency, ProvisioningSteps.Users, 2, "loc-1", "2 users created", t),
        _ => new ProvisioningSucceeded(job, agency, "loc-1", "snap-dental", t),
    };
}
