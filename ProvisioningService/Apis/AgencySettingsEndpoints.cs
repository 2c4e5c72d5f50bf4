using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Saga;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>The caller's agency's provisioning settings: default snapshot and how many jobs run at once.</summary>
public static class AgencySettingsEndpoints
{
    public static async Task<Ok<AgencySettingsView>> GetAsync(
        ClaimsPrincipal user, ProvisioningDbContext db, IOptions<JobRunOptions> options, CancellationToken ct)
    {
        var agency = ProvisioningPolicies.AgencyOf(user);
        var settings = await db.AgencySettings.AsNoTracking().SingleOrDefaultAsync(s => s.AgencyId == agency, ct);
        return TypedResults.Ok(AgencySettingsView.From(settings, options.Value));
    }

    public static async Task<Results<Ok<AgencySettingsView>, ValidationProblem>> PutAsync(
        AgencySettingsUpdate update, ClaimsPrincipal user, ProvisioningDbContext db, IOptions<JobRunOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = update.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agency = ProvisioningPolicies.AgencyOf(user);
        AgencySettings settings;
        try
        {
            settings = await SaveAsync(db, agency, update, ProvisioningPolicies.ActorOf(user), clock, ct);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first writes of one agency raced to insert its row; the loser applies its change to the winner's row.
            db.ChangeTracker.Clear();
            settings = await SaveAsync(db, agency, update, ProvisioningPolicies.ActorOf(user), clock, ct);
        }

        return TypedResults.Ok(AgencySettingsView.From(settings, options.Value));
    }

    private static async Task<AgencySettings> SaveAsync(
        ProvisioningDbContext db, string agency, AgencySettingsUpdate update, string actor, TimeProvider clock, CancellationToken ct)
    {
        var settings = await db.AgencySettings.SingleOrDefaultAsync(s => s.AgencyId == agency, ct);
        if (settings is null)
        {
            settings = new AgencySettings { AgencyId = agency, UpdatedBy = actor };
            db.AgencySettings.Add(settings);
        }

        settings.DefaultSnapshotId = string.IsNullOrWhiteSpace(update.DefaultSnapshotId) ? null : update.DefaultSnapshotId.Trim();
        settings.MaxConcurrentJobs = update.MaxConcurrentJobs;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = actor;
        await db.SaveChangesAsync(ct);
        return settings;
    }
}

/// <summary>PUT body; both fields optional (null clears the setting).</summary>
public sealed record AgencySettingsUpdate(string? DefaultSnapshotId, int? MaxConcurrentJobs)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (DefaultSnapshotId is { Length: > 100 })
        {
            errors["defaultSnapshotId"] = ["'defaultSnapshotId' must be at most 100 characters."];
        }
        else if (DefaultSnapshotId is not null && DefaultSnapshotId.Any(char.IsControl))
        {
            errors["defaultSnapshotId"] = ["'defaultSnapshotId' must not contain control characters."];
        }

        if (MaxConcurrentJobs is < 1 or > 50)
        {
            errors["maxConcurrentJobs"] = ["'maxConcurrentJobs' must be between 1 and 50, or null for the service default."];
        }

        return errors;
    }
}

/// <summary>The settings as stored, plus the concurrency actually in force.</summary>
public sealed record AgencySettingsView(
    string? DefaultSnapshotId, int? MaxConcurrentJobs, int EffectiveMaxConcurrentJobs, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static AgencySettingsView From(AgencySettings? settings, JobRunOptions options) => new(
        settings?.DefaultSnapshotId,
        settings?.MaxConcurrentJobs,
        settings?.MaxConcurrentJobs ?? options.MaxConcurrentJobsPerAgency,
        settings?.UpdatedAt,
        settings?.UpdatedBy);
}
