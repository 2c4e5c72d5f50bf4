using Microsoft.Extensions.Options;
using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Apis;

/// <summary>oauth.json: token exchange and refresh, agency → location tokens, installed locations.</summary>
public sealed class GhlOAuthApi(GhlConnection connection, IOptions<GhlClientOptions> options)
{
    /// <summary>Exchanges the consent callback's code (<c>grant_type=authorization_code</c>).</summary>
    public Task<GhlTokenResponse> ExchangeCodeAsync(string code, GhlUserType userType, string? redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var fields = ClientFields("authorization_code", userType);
        fields.Add(new("code", code));
        if (redirectUri is not null)
        {
            fields.Add(new("redirect_uri", redirectUri));
        }

        return connection.SendFormAsync<GhlTokenResponse>(TokenOperation("oauth.token.exchange"), "oauth/token", fields, cancellationToken);
    }

    /// <summary>
    /// Spends a refresh token (<c>grant_type=refresh_token</c>). Refresh tokens are single-use: the caller persists the
    /// returned pair before anything else, and serialises refreshes per resource (see <see cref="GhlTokenRefreshGate"/>).
    /// Never re-sent on a timeout or 5xx: the old token may already be spent.
    /// </summary>
    public Task<GhlTokenResponse> RefreshTokenAsync(string refreshToken, GhlUserType userType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        var fields = ClientFields("refresh_token", userType);
        fields.Add(new("refresh_token", refreshToken));
        return connection.SendFormAsync<GhlTokenResponse>(TokenOperation("oauth.token.refresh"), "oauth/token", fields, cancellationToken);
    }

    /// <summary>Mints a location token from the agency token (<c>POST /oauth/locationToken</c>, Agency-Access-Only).</summary>
    public Task<GhlLocationTokenResponse> GetLocationTokenAsync(string companyId, string locationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        var operation = new GhlOperation("oauth.locationToken", GhlTokenRequest.Agency(companyId), GhlRetryMode.Idempotent);
        KeyValuePair<string, string>[] fields = [new("companyId", companyId), new("locationId", locationId)];
        return connection.SendFormAsync<GhlLocationTokenResponse>(operation, "oauth/locationToken", fields, cancellationToken);
    }

    /// <summary><c>GET /oauth/installedLocations</c> for this app (appId from the client id).</summary>
    public Task<GhlInstalledLocationsPage> GetInstalledLocationsAsync(GhlInstalledLocationsQuery query, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("oauth.installedLocations", GhlTokenRequest.Agency(query.CompanyId), GhlRetryMode.Idempotent);
        var path = GhlPath.WithQuery(
            "oauth/installedLocations",
            ("skip", query.Skip), ("limit", query.Limit), ("query", query.Query), ("isInstalled", query.IsInstalled),
            ("companyId", query.CompanyId), ("appId", options.Value.AppId), ("versionId", query.VersionId),
            ("onTrial", query.OnTrial), ("planId", query.PlanId), ("locationId", query.LocationId));
        return connection.GetAsync<GhlInstalledLocationsPage>(operation, path, cancellationToken);
    }

    private List<KeyValuePair<string, string>> ClientFields(string grantType, GhlUserType userType) =>
    [
        new("client_id", options.Value.ClientId),
        new("client_secret", options.Value.ClientSecret),
        new("grant_type", grantType),
        new("user_type", userType.ToString()),
    ];

    // /oauth/token takes no bearer token and no Version header (BRIEF §1); a refresh is not repeatable.
    private static GhlOperation TokenOperation(string name) => new(name, null, GhlRetryMode.CreateOnce, SendsVersionHeader: false);
}
