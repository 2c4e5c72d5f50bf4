using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>The agency's jobs that need a person: failed recently, or queued/running for too long.</summary>
public sealed record AttentionJobs(DateTimeOffset Now, double StuckAfterMinutes, IReadOnlyList<AttentionJob> Failed, IReadOnlyList<AttentionJob> Stuck);

/// <summary>
/// One such job. <see cref="CurrentStep"/> is the step running (or the one that failed), null while queued;
/// <see cref="Since"/> is when that state began: the step's start, else the job's start, else its creation (or, for a
/// failed job, its last update).
/// </summary>
public sealed record AttentionJob(
    Guid Id, string Status, string BusinessName, string? CurrentStep, int? Attempts, DateTimeOffset Since,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error)
{
    public static AttentionJob From(ProvisioningJob job)
    {
        var stepStatus = job.Status == JobStatus.Failed ? StepStatus.Failed : StepStatus.Running;
        var step = job.Steps.OrderBy(s => s.Ordinal).FirstOrDefault(s => s.Status == stepStatus);
        var since = job.Status switch
        {
            JobStatus.Failed => job.UpdatedAt,
            JobStatus.Queued => job.CreatedAt,
            _ => step?.StartedAt ?? job.StartedAt ?? job.CreatedAt,
        };
        return new AttentionJob(
            job.Id, job.Status.ToString(), job.BusinessName, step?.Name, step?.Attempts, since, job.CreatedAt, job.UpdatedAt,
            step?.Error ?? job.Error);
    }
}
