namespace Provisioner.ProvisioningService.Steps;

/// <summary>Undoes what a cancelled or failed job created in GHL, as far as the API allows.</summary>
public interface IJobCompensator
{
    Task<CompensationReport> CompensateAsync(Guid jobId, string agencyId, JobProgress progress, CancellationToken cancellationToken);
}

/// <summary>
/// What compensation undid, and what it could not (with GHL's reason) so a person can finish by hand. Every entry is
/// a short sentence naming the resource, for example "user 8sd7f (ann@example.com) deleted".
/// </summary>
public sealed record CompensationReport(IReadOnlyList<string> Undone, IReadOnlyList<string> NotUndone);
