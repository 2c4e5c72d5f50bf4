using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// The caller's agency's custom value templates (GET for every role, PUT for admins): custom values every intake of the
/// agency gets unless it gives the name itself (<see cref="AgencyTemplates"/>). The agency comes from the token only.
/// </summary>
public static class CustomValueTemplatesEndpoints
{
    public static async Task<Ok<CustomValueTemplatesView>> GetAsync(ClaimsPrincipal user, ProvisioningDbContext db, CancellationToken ct)
    {
        var agency = ProvisioningPolicies.AgencyOf(user);
        return TypedResults.Ok(await ViewAsync(db, agency, ct));
    }

    /// <summary>Replaces the agency's whole set with the body's (an empty object removes every template).</summary>
    public static async Task<Results<Ok<CustomValueTemplatesView>, ValidationProblem>> PutAsync(
        [FromBody] CustomValueTemplatesUpdate? update, ClaimsPrincipal user, ProvisioningDbContext db,
        IOptions<ProvisioningOptions> options, CancellationToken ct)
    {
        var (templates, errors) = CustomValueTemplatesUpdate.Validate(update, options.Value);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The custom value templates are not valid.");
        }

        var agency = ProvisioningPolicies.AgencyOf(user);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Two concurrent replacements of one agency would each delete the rows they see and then insert the same
            // keys; the lock makes the second wait and replace the first's set whole.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({"custom-value-templates:" + agency}, 0))", ct);
            await db.CustomValueTemplates.Where(t => t.AgencyId == agency).ExecuteDeleteAsync(ct);
            db.CustomValueTemplates.AddRange(templates.Select(t => new CustomValueTemplate { AgencyId = agency, Name = t.Key, Value = t.Value }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        return TypedResults.Ok(await ViewAsync(db, agency, ct));
    }

    private static async Task<CustomValueTemplatesView> ViewAsync(ProvisioningDbContext db, string agency, CancellationToken ct)
    {
        var rows = await db.CustomValueTemplates.AsNoTracking().Where(t => t.AgencyId == agency).ToListAsync(ct);
        return new CustomValueTemplatesView(new SortedDictionary<string, string>(
            rows.ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal), StringComparer.Ordinal));
    }
}
