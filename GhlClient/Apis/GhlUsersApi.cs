using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Apis;

/// <summary>users.json. Operations open to both token kinds take the <see cref="GhlTokenRequest"/> to use.</summary>
public sealed class GhlUsersApi(GhlConnection connection)
{
    /// <summary>
    /// <c>POST /users/</c> (201). Never re-sent after a timeout or 5xx (<see cref="GhlAmbiguousCreateException"/>):
    /// the caller checks <see cref="FilterByEmailAsync"/> first. Uses the agency token unless told otherwise.
    /// </summary>
    public Task<GhlUser> CreateAsync(GhlCreateUserRequest request, GhlTokenRequest? token = null, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("users.create", token ?? GhlTokenRequest.Agency(request.CompanyId), GhlRetryMode.CreateOnce);
        return connection.SendJsonAsync<GhlCreateUserRequest, GhlUser>(operation, HttpMethod.Post, "users/", request, cancellationToken);
    }

    /// <summary><c>GET /users/?locationId=</c> (location token). Deprecated by GHL in favour of <see cref="SearchAsync"/>.</summary>
    public async Task<IReadOnlyList<GhlUser>> ListByLocationAsync(string locationId, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("users.listByLocation", GhlTokenRequest.Location(locationId), GhlRetryMode.Idempotent);
        var envelope = await connection.GetAsync<GhlUsersEnvelope>(operation, GhlPath.WithQuery("users/", ("locationId", locationId)), cancellationToken);
        return envelope.Users ?? [];
    }

    /// <summary><c>GET /users/search</c> (companyId required).</summary>
    public Task<GhlUserSearchResult> SearchAsync(GhlTokenRequest token, GhlUserSearchQuery query, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("users.search", token, GhlRetryMode.Idempotent);
        var path = GhlPath.WithQuery(
            "users/search",
            ("companyId", query.CompanyId), ("query", query.Query), ("skip", query.Skip), ("limit", query.Limit),
            ("locationId", query.LocationId), ("type", query.Type), ("role", query.Role), ("ids", query.Ids),
            ("sort", query.Sort), ("sortDirection", query.SortDirection), ("enabled2waySync", query.Enabled2WaySync));
        return connection.GetAsync<GhlUserSearchResult>(operation, path, cancellationToken);
    }

    /// <summary><c>POST /users/search/filter-by-email</c> (agency token): a read, so safe to repeat.</summary>
    public Task<GhlUserSearchResult> FilterByEmailAsync(GhlFilterUsersByEmailRequest request, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("users.filterByEmail", GhlTokenRequest.Agency(request.CompanyId), GhlRetryMode.Idempotent);
        return connection.SendJsonAsync<GhlFilterUsersByEmailRequest, GhlUserSearchResult>(
            operation, HttpMethod.Post, "users/search/filter-by-email", request, cancellationToken);
    }

    public Task<GhlUser> GetAsync(GhlTokenRequest token, string userId, CancellationToken cancellationToken = default) =>
        connection.GetAsync<GhlUser>(new GhlOperation("users.get", token, GhlRetryMode.Idempotent), Item(userId), cancellationToken);

    /// <summary><c>PUT /users/{userId}</c>; send the full <c>locationIds</c> list (replace semantics assumed, BRIEF §3.8).</summary>
    public Task<GhlUser> UpdateAsync(GhlTokenRequest token, string userId, GhlUpdateUserRequest request, CancellationToken cancellationToken = default) =>
        connection.SendJsonAsync<GhlUpdateUserRequest, GhlUser>(
            new GhlOperation("users.update", token, GhlRetryMode.Idempotent), HttpMethod.Put, Item(userId), request, cancellationToken);

    /// <summary><c>DELETE /users/{userId}</c>: GHL queues the deletion; it takes effect minutes later.</summary>
    public Task<GhlUserDeleted> DeleteAsync(GhlTokenRequest token, string userId, CancellationToken cancellationToken = default) =>
        connection.DeleteAsync<GhlUserDeleted>(new GhlOperation("users.delete", token, GhlRetryMode.Idempotent), Item(userId), cancellationToken);

    private static string Item(string userId) => $"users/{GhlPath.Segment(userId)}";
}
