using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Saga;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>
/// Gives queued jobs their agency's run slots: oldest first, at most the agency's limit at once, agencies independent.
/// Runs inside a saga consume (its transaction); a transaction-scoped advisory lock per agency makes the count-and-pick
/// atomic across instances. Each admitted job gets <see cref="StartProvisioning"/> through the consume outbox.
/// </summary>
public sealed class JobAdmissions(ProvisioningDbContext db, IPublishEndpoint publish, IOptions<JobRunOptions> options, TimeProvider clock)
{
    /// <summary>Frees <paramref name="jobId"/>'s slot (if it held one) and admits whoever is next.</summary>
    public async Task ReleaseAsync(string agencyId, Guid jobId, CancellationToken ct)
    {
        await LockAgencyAsync(agencyId, ct);
        await db.JobAdmissions.Where(a => a.JobId == jobId).ExecuteDeleteAsync(ct);
        await AdmitLockedAsync(agencyId, ct);
    }

    /// <summary>
    /// Admits whoever is next. When <paramref name="self"/> (the job whose request is being consumed) is among them, no
    /// <see cref="StartProvisioning"/> is sent to it and true is returned: the caller starts it in the same consume
    /// instead of spending a message hop on telling itself.
    /// </summary>
    public async Task<bool> AdmitAsync(string agencyId, CancellationToken ct, Guid? self = null)
    {
        await LockAgencyAsync(agencyId, ct);
        return await AdmitLockedAsync(agencyId, ct, self);
    }

    private async Task<bool> AdmitLockedAsync(string agencyId, CancellationToken ct, Guid? self = null)
    {
        var limit = await db.AgencySettings.Where(s => s.AgencyId == agencyId).Select(s => s.MaxConcurrentJobs).SingleOrDefaultAsync(ct)
            ?? options.Value.MaxConcurrentJobsPerAgency;
        var running = await db.JobAdmissions.CountAsync(a => a.AgencyId == agencyId, ct);
        if (running >= limit)
        {
            return false;
        }

        var next = await db.Jobs
            .Where(j => j.AgencyId == agencyId && j.Status == JobStatus.Queued && !db.JobAdmissions.Any(a => a.JobId == j.Id))
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id)
            .Select(j => j.Id)
            .Take(limit - running)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var selfAdmitted = false;
        foreach (var jobId in next)
        {
            db.JobAdmissions.Add(new JobAdmission { JobId = jobId, AgencyId = agencyId, AdmittedAt = now });
            if (jobId == self)
            {
                selfAdmitted = true;
                continue;
            }

            await publish.Publish(new StartProvisioning(jobId, agencyId, now), ct);
        }

        await db.SaveChangesAsync(ct);
        return selfAdmitted;
    }

    /// <summary>Held until the consume transaction ends; hashtextextended gives a stable 64-bit key per agency.</summary>
    private Task LockAgencyAsync(string agencyId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"job-admission:" + agencyId}, 0))", ct);
}
