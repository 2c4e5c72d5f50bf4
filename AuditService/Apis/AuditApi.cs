using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuditService.Chain;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Security;

namespace Provisioner.AuditService.Apis;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").RequireAuthorization(AuditPolicies.Reader);

        api.MapGet("/", ListAsync);
        api.MapGet("/export", Export).RequireAuthorization(AuditPolicies.Auditor);
        api.MapGet("/verify", VerifyAsync).RequireAuthorization(AuditPolicies.Auditor);
        api.MapGet("/{id:guid}", GetAsync);

        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(
        [AsParameters] AuditQuery query, ClaimsPrincipal user, AuditDbContext db, CancellationToken cancellationToken)
    {
        if (!query.TryParse(out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var matching = filter.Apply(AuditView.All(db), AuditPolicies.AgencyOf(user));
        var total = await matching.CountAsync(cancellationToken);
        var page = await matching
            .Skip((int)Math.Min((long)(filter.Page - 1) * filter.PageSize, int.MaxValue))
            .Take(filter.PageSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage([.. page.Select(AuditEntryDto.From)], total, filter.Page, filter.PageSize));
    }

    public static async Task<Results<Ok<AuditEntryDto>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, AuditDbContext db, CancellationToken cancellationToken)
    {
        var agency = AuditPolicies.AgencyOf(user);
        // Another agency's entry is "not found", never "forbidden": its existence is not revealed.
        var entry = await AuditView.All(db)
            .Where(e => e.MessageId == id && e.AgencyId == agency)
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? TypedResults.NotFound() : TypedResults.Ok(AuditEntryDto.From(entry));
    }

    public static Results<PushStreamHttpResult, ValidationProblem> Export(
        [AsParameters] AuditQuery query, ClaimsPrincipal user, AuditDbContext db, CancellationToken cancellationToken)
    {
        if (!query.TryParse(out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var matching = filter.Apply(AuditView.All(db), AuditPolicies.AgencyOf(user));
        return TypedResults.Stream(
            stream => CsvExport.WriteAsync(matching, stream, cancellationToken), "text/csv; charset=utf-8", "audit.csv");
    }

    public static async Task<Ok<VerifyResult>> VerifyAsync(
        ClaimsPrincipal user, [FromServices] ChainVerifier verifier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(AuditPolicies.AgencyOf(user), cancellationToken));
}
