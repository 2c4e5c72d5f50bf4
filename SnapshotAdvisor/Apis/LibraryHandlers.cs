using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provisioner.GhlClient;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;
using Provisioner.SnapshotAdvisor.Security;

namespace Provisioner.SnapshotAdvisor.Apis;

/// <summary>The library: search, read, edit metadata, sync. Every query is filtered by the caller's agency.</summary>
public static class LibraryHandlers
{
    public static async Task<Results<Ok<SnapshotPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, AdvisorDbContext db, CancellationToken cancellationToken,
        string? q = null, string? tag = null, string? type = null, int page = 1, int pageSize = 20)
    {
        var errors = RequestValidation.Query(q, page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = Visible(db, AdvisorPolicies.AgencyOf(user)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()) + "%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern, "\\") || EF.Functions.ILike(s.Description, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            var normalized = NormalizeTag(tag);
            query = query.Where(s => s.Tags.Contains(normalized));
        }

        if (!string.IsNullOrWhiteSpace(type))
        {
            var wanted = type.Trim().ToLowerInvariant();
            query = query.Where(s => s.Type.ToLower() == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((int)Math.Min((long)(page - 1) * pageSize, int.MaxValue)).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SnapshotPage(items.Select(SnapshotDto.From).ToList(), total, page, pageSize));
    }

    public static async Task<Results<Ok<SnapshotDto>, NotFound>> GetAsync(
        string id, ClaimsPrincipal user, AdvisorDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = await Visible(db, AdvisorPolicies.AgencyOf(user)).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return snapshot is null ? TypedResults.NotFound() : TypedResults.Ok(SnapshotDto.From(snapshot));
    }

    public static async Task<Results<Ok<SnapshotDto>, NotFound, ValidationProblem>> UpdateAsync(
        string id, UpdateSnapshotRequest body, ClaimsPrincipal user, AdvisorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = RequestValidation.Update(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agencyId = AdvisorPolicies.AgencyOf(user);
        var snapshot = await Visible(db, agencyId).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return TypedResults.NotFound();
        }

        snapshot.Description = body.Description?.Trim() ?? "";
        snapshot.Tags = (body.Tags ?? []).Select(NormalizeTag).Distinct(StringComparer.Ordinal).ToList();
        snapshot.DefaultCustomValues = new Dictionary<string, string>(body.DefaultCustomValues ?? new Dictionary<string, string>());
        snapshot.DefaultUserRoles = (body.DefaultUserRoles ?? []).Distinct(StringComparer.Ordinal).ToList();
        snapshot.Hidden = body.Hidden ?? false;
        snapshot.UpdatedAt = clock.GetUtcNow();

        // Description, tags and hidden change what the ranker sees: a new library version retires the cached index.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Libraries.Where(l => l.AgencyId == agencyId)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(SnapshotDto.From(snapshot));
    }

    public static async Task<Results<Ok<SyncResult>, ProblemHttpResult>> SyncAsync(
        ClaimsPrincipal user, SnapshotSync sync, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await sync.SyncAsync(AdvisorPolicies.AgencyOf(user), cancellationToken));
        }
        catch (GhlAgencyNotConnectedException error)
        {
            // Retrying will not help: an admin has to connect the agency to GHL again.
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: "The agency is not connected to GHL");
        }
        catch (GhlApiException error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status502BadGateway, title: "GHL did not list the snapshots");
        }
    }

    private static IQueryable<LibrarySnapshot> Visible(AdvisorDbContext db, string agencyId) =>
        db.Snapshots.Where(s => s.AgencyId == agencyId && s.RemovedAt == null);

    private static string NormalizeTag(string tag) => tag.Trim().ToLowerInvariant();

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
