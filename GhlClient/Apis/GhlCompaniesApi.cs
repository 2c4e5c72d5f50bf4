using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Apis;

/// <summary>companies.json.</summary>
public sealed class GhlCompaniesApi(GhlConnection connection)
{
    /// <summary><c>GET /companies/{companyId}</c>: the agency's name, plan and status; also a cheap connection test.</summary>
    public async Task<GhlCompany> GetAsync(string companyId, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("companies.get", GhlTokenRequest.Agency(companyId), GhlRetryMode.Idempotent);
        var envelope = await connection.GetAsync<GhlCompanyEnvelope>(operation, $"companies/{GhlPath.Segment(companyId)}", cancellationToken);
        return envelope.Company ?? throw MissingField(operation, "company");
    }

    internal static GhlApiException MissingField(GhlOperation operation, string field) =>
        new(operation.Name, System.Net.HttpStatusCode.OK, [$"response has no '{field}'"], null);
}
