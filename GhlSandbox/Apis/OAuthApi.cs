using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.OAuth;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>oauth.json: /oauth/token, /oauth/locationToken, /oauth/installedLocations.</summary>
public static class OAuthApi
{
    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        // /oauth/token has no Version parameter in the v2 spec; the other two require it.
        app.MapPost("/oauth/token", TokenAsync);
        var versioned = app.MapGroup("/oauth").AddEndpointFilter<VersionHeaderFilter>();
        versioned.MapPost("/locationToken", LocationTokenAsync);
        versioned.MapGet("/installedLocations", InstalledLocations);
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, GhlError>> TokenAsync(
        HttpRequest http, TokenStore tokens, SandboxStore store, IOptions<GhlSandboxOptions> options)
    {
        if (!http.HasFormContentType)
        {
            return GhlError.Unprocessable("body must be application/x-www-form-urlencoded");
        }

        var form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
        var missing = new[] { "client_id", "client_secret", "grant_type" }.Where(f => string.IsNullOrEmpty(form[f])).ToArray();
        if (missing.Length > 0)
        {
            return GhlError.Unprocessable([.. missing.Select(f => $"{f} should not be empty")]);
        }

        if (form["client_id"] != options.Value.ClientId || form["client_secret"] != options.Value.ClientSecret)
        {
            return GhlError.Unauthorized("Invalid client credentials");
        }

        var grantType = form["grant_type"].ToString();
        if (grantType is not ("authorization_code" or "refresh_token"))
        {
            // client_credentials is listed in the spec's enum but undocumented; GHL apps cannot use it.
            return GhlError.BadRequest($"Unsupported grant_type: {grantType}");
        }

        var secret = grantType == "authorization_code" ? form["code"].ToString() : form["refresh_token"].ToString();
        var grant = secret.Length == 0 ? null
            : grantType == "authorization_code" ? tokens.RedeemCode(secret, NullIfEmpty(form["redirect_uri"]))
            : tokens.RedeemRefreshToken(secret);
        if (grant is null)
        {
            return GhlError.BadRequest(grantType == "refresh_token"
                ? "Invalid grant: refresh token is invalid"
                : "Invalid grant: authorization code is invalid");
        }

        if (NullIfEmpty(form["user_type"]) is { } userType && userType != grant.UserType)
        {
            return GhlError.BadRequest($"user_type {userType} does not match this grant ({grant.UserType})");
        }

        var issued = tokens.IssueTokens(grant.UserType, grant.CompanyId, grant.LocationId, grant.UserId, grant.Scopes);
        var isCompany = grant.UserType == "Company";
        var approved = isCompany ? store.Read(s => s.Locations.Where(l => l.CompanyId == grant.CompanyId).Select(l => l.Id).ToArray()) : null;
        return TypedResults.Ok(new TokenResponse(
            issued.AccessToken, "Bearer", issued.ExpiresIn, issued.RefreshToken, string.Join(' ', grant.Scopes), grant.UserType,
            grant.CompanyId, grant.LocationId, grant.UserId, approved, isCompany ? true : null, isCompany ? true : null, isCompany ? true : null));
    }

    public static async Task<Results<Ok<LocationTokenResponse>, GhlError>> LocationTokenAsync(
        HttpRequest http, GhlCaller caller, TokenStore tokens, SandboxStore store, IOptions<GhlSandboxOptions> options)
    {
        if (caller.Require(Access.Agency, "oauth.write") is { } denied)
        {
            return denied;
        }

        if (!http.HasFormContentType)
        {
            return GhlError.Unprocessable("body must be application/x-www-form-urlencoded");
        }

        var form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
        var (companyId, locationId) = (form["companyId"].ToString(), form["locationId"].ToString());
        if (companyId.Length == 0 || locationId.Length == 0)
        {
            return GhlError.Unprocessable([.. new[] { ("companyId", companyId), ("locationId", locationId) }
                .Where(f => f.Item2.Length == 0).Select(f => $"{f.Item1} should not be empty")]);
        }

        if (caller.CanAccessCompany(companyId) is { } foreign)
        {
            return foreign;
        }

        var location = store.Read(s => s.Locations.FirstOrDefault(l => l.Id == locationId));
        if (location is null)
        {
            return GhlError.BadRequest("Location not found");
        }

        if (caller.CanAccessLocation(location) is { } notAccessible)
        {
            return notAccessible;
        }

        var grant = caller.Grant;
        var issued = tokens.IssueTokens("Location", companyId, locationId, grant.UserId, grant.Scopes);
        return TypedResults.Ok(new LocationTokenResponse(
            issued.AccessToken, "Bearer", issued.ExpiresIn, issued.RefreshToken, string.Join(' ', grant.Scopes), "Location",
            companyId, locationId, grant.UserId, options.Value.AppId));
    }

    public static Results<Ok<InstalledLocationsResponse>, GhlError> InstalledLocations(
        HttpRequest http, GhlCaller caller, SandboxStore store, IOptions<GhlSandboxOptions> options)
    {
        if (caller.Require(Access.Agency, "oauth.readonly") is { } denied)
        {
            return denied;
        }

        var q = http.Query;
        if (string.IsNullOrEmpty(q["companyId"]) || string.IsNullOrEmpty(q["appId"]))
        {
            return GhlError.Unprocessable([.. new[] { "companyId", "appId" }.Where(f => string.IsNullOrEmpty(q[f])).Select(f => $"{f} should not be empty")]);
        }

        if (caller.CanAccessCompany(q["companyId"]) is { } foreign)
        {
            return foreign;
        }

        if (q["appId"] != options.Value.AppId)
        {
            return GhlError.BadRequest("App not found");
        }

        var companyId = q["companyId"].ToString();
        var (skip, limit) = (Paging.Parse(q["skip"], 0), Paging.Parse(q["limit"], 20));
        var text = q["query"].ToString();
        var result = store.Read(s =>
        {
            var install = s.Installations.FirstOrDefault(i => i.CompanyId == companyId);
            var all = s.Locations
                .Where(l => l.CompanyId == companyId && (text.Length == 0 || l.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
                .Select(l => new InstalledLocation(l.Id, l.Name, l.Address ?? string.Empty, install is not null,
                    install is null ? null : Iso(install.InstalledAt > l.CreatedAt ? install.InstalledAt : l.CreatedAt)))
                .Where(l => !bool.TryParse(q["isInstalled"], out var wanted) || l.IsInstalled == wanted)
                .ToList();
            return new InstalledLocationsResponse([.. all.Skip(skip).Take(limit)], all.Count, install is not null);
        });
        return TypedResults.Ok(result);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
