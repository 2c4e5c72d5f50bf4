using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>A parsed job list query; <see cref="Apply"/> always scopes to one agency first.</summary>
public sealed record JobFilter(
    JobStatus? Status, DateTimeOffset? From, DateTimeOffset? To, string? Q, string Sort, bool Ascending, int Page, int PageSize)
{
    public IQueryable<ProvisioningJob> Apply(IQueryable<ProvisioningJob> jobs, string agencyId)
    {
        jobs = jobs.Where(j => j.AgencyId == agencyId);
        if (Status is { } status)
        {
            jobs = jobs.Where(j => j.Status == status);
        }

        if (From is { } from)
        {
            jobs = jobs.Where(j => j.CreatedAt >= from);
        }

        if (To is { } to)
        {
            jobs = jobs.Where(j => j.CreatedAt < to);
        }

        if (Q is { } q)
        {
            // ILIKE with the user's text escaped, so % and _ are matched literally.
            var pattern = "%" + q.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal) + "%";
            jobs = jobs.Where(j => EF.Functions.ILike(j.BusinessName, pattern, @"\") || EF.Functions.ILike(j.BusinessEmail, pattern, @"\"));
        }

        // The id breaks ties so pages never overlap or skip rows.
        return (Sort, Ascending) switch
        {
            ("status", true) => jobs.OrderBy(j => j.Status).ThenBy(j => j.Id),
            ("status", false) => jobs.OrderByDescending(j => j.Status).ThenByDescending(j => j.Id),
            ("name", true) => jobs.OrderBy(j => j.BusinessName).ThenBy(j => j.Id),
            ("name", false) => jobs.OrderByDescending(j => j.BusinessName).ThenByDescending(j => j.Id),
            (_, true) => jobs.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id),
            _ => jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id),
        };
    }
}
