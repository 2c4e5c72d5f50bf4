using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Apis;

/// <summary>locations.json: sub-accounts. Creating one with <c>snapshotId</c> starts an asynchronous snapshot load.</summary>
public sealed class GhlLocationsApi(GhlConnection connection)
{
    /// <summary>
    /// <c>POST /locations/</c> (agency token). Never re-sent after a timeout or 5xx: those surface as
    /// <see cref="GhlAmbiguousCreateException"/>, and the caller searches for the location before trying again.
    /// </summary>
    public Task<GhlLocation> CreateAsync(GhlCreateLocationRequest request, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("locations.create", GhlTokenRequest.Agency(request.CompanyId), GhlRetryMode.CreateOnce);
        return connection.SendJsonAsync<GhlCreateLocationRequest, GhlLocation>(operation, HttpMethod.Post, "locations/", request, cancellationToken);
    }

    /// <summary><c>GET /locations/{locationId}</c> with an agency or a location token.</summary>
    public async Task<GhlLocationDetails> GetAsync(GhlTokenRequest token, string locationId, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("locations.get", token, GhlRetryMode.Idempotent);
        var envelope = await connection.GetAsync<GhlLocationEnvelope>(operation, $"locations/{GhlPath.Segment(locationId)}", cancellationToken);
        return envelope.Location ?? throw GhlCompaniesApi.MissingField(operation, "location");
    }

    /// <summary><c>PUT /locations/{locationId}</c> (agency token); <c>snapshot</c> loads a snapshot into an existing location.</summary>
    public Task<GhlLocation> UpdateAsync(string locationId, GhlUpdateLocationRequest request, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("locations.update", GhlTokenRequest.Agency(request.CompanyId), GhlRetryMode.Idempotent);
        return connection.SendJsonAsync<GhlUpdateLocationRequest, GhlLocation>(
            operation, HttpMethod.Put, $"locations/{GhlPath.Segment(locationId)}", request, cancellationToken);
    }

    /// <summary><c>DELETE /locations/{locationId}</c>; needs <c>locations.internal-access-only</c>, which apps may lack.</summary>
    public Task<GhlLocationDeleted> DeleteAsync(string companyId, string locationId, bool deleteTwilioAccount, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("locations.delete", GhlTokenRequest.Agency(companyId), GhlRetryMode.Idempotent);
        var path = GhlPath.WithQuery($"locations/{GhlPath.Segment(locationId)}", ("deleteTwilioAccount", deleteTwilioAccount));
        return connection.DeleteAsync<GhlLocationDeleted>(operation, path, cancellationToken);
    }

    /// <summary><c>GET /locations/search</c>: no total count, default page of 10 (BRIEF §3.5).</summary>
    public async Task<IReadOnlyList<GhlLocationSummary>> SearchAsync(GhlTokenRequest token, GhlLocationSearchQuery query, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("locations.search", token, GhlRetryMode.Idempotent);
        var path = GhlPath.WithQuery(
            "locations/search",
            ("companyId", query.CompanyId), ("skip", query.Skip), ("limit", query.Limit), ("order", query.Order), ("email", query.Email));
        var envelope = await connection.GetAsync<GhlLocationSearchEnvelope>(operation, path, cancellationToken);
        return envelope.Locations ?? [];
    }
}
