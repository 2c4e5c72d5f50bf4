using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>companies.json: GET /companies/{companyId} (Agency-Access, companies.readonly).</summary>
public static class CompaniesApi
{
    public static IEndpointRouteBuilder MapCompaniesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/companies").AddEndpointFilter<VersionHeaderFilter>().MapGet("/{companyId}", Get);
        return app;
    }

    public static Results<Ok<CompanyEnvelope>, GhlError> Get(string companyId, GhlCaller caller, SandboxStore store)
    {
        if ((caller.Require(Access.Agency, "companies.readonly") ?? caller.CanAccessCompany(companyId)) is { } denied)
        {
            return denied;
        }

        var company = store.Read(s => s.Companies.FirstOrDefault(c => c.Id == companyId) is { } c
            ? new Company(c.Id, c.Name, c.Email, c.Phone, c.Website, c.Domain, c.Address, c.City, c.PostalCode, c.Country,
                c.State, c.Timezone, c.RelationshipNumber, c.Plan, c.Status, "agency", false, true, true,
                s.Locations.Count(l => l.CompanyId == c.Id))
            : null);
        return company is null ? GhlError.BadRequest("Company not found") : TypedResults.Ok(new CompanyEnvelope(company));
    }
}

public sealed record CompanyEnvelope(Company Company);

/// <summary>GetCompanyByIdSchema, the fields a sandbox agency has.</summary>
public sealed record Company(
    string Id, string Name, string? Email, string? Phone, string? Website, string? Domain, string? Address, string? City,
    string? PostalCode, string? Country, string? State, string? Timezone, string? RelationshipNumber, int Plan,
    string Status, string CustomerType, bool IsReselling, bool PremiumUpgraded, bool IsSandboxAccount, int LocationCount);
