using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Sessions;

namespace Provisioner.AuthService.Apis;

public static class SessionHandlers
{
    public static SignOutHttpResult Logout() =>
        TypedResults.SignOut(authenticationSchemes: [CookieAuthenticationDefaults.AuthenticationScheme]);

    /// <summary>Who the caller is and the agency's connection, never its tokens.</summary>
    public static async Task<Results<Ok<MeResponse>, NotFound>> MeAsync(ClaimsPrincipal principal, AuthDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(principal);
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == caller.AgencyId, cancellationToken);
        if (agency is null)
        {
            return TypedResults.NotFound();
        }

        var user = caller.UserId is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AgencyId == caller.AgencyId)
                .Select(u => new MeUser(u.Id, u.GhlUserId, u.Name)).SingleOrDefaultAsync(cancellationToken)
            : null;
        return TypedResults.Ok(new MeResponse(
            user,
            new MeAgency(agency.Id, agency.Name, agency.State.ToString(), agency.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                agency.TokenExpiresAt, agency.LastRefreshedAt),
            RoleNames.ToName(caller.Role),
            caller.Method));
    }

    /// <summary>Exchanges the session cookie or an API key for a short-lived JWT for the gateway and services.</summary>
    public static async Task<Ok<IssuedToken>> TokenAsync(ClaimsPrincipal principal, JwtIssuer issuer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await issuer.IssueAsync(Caller.From(principal), cancellationToken));

    public static async Task<Ok<JwksResponse>> JwksAsync(JwtSigningKeys keys, CancellationToken cancellationToken)
    {
        var published = (await keys.GetAsync(cancellationToken)).Select(k =>
        {
            var parameters = k.Key.ExportParameters(includePrivateParameters: false);
            return new Jwk("EC", "P-256", WebEncoders.Base64UrlEncode(parameters.Q.X!), WebEncoders.Base64UrlEncode(parameters.Q.Y!),
                k.Kid, "sig", JwtSigningKeys.Algorithm);
        });
        return TypedResults.Ok(new JwksResponse(published.ToList()));
    }
}

public sealed record MeResponse(MeUser? User, MeAgency Agency, string Role, string AuthenticatedBy);

public sealed record MeUser(Guid Id, string GhlUserId, string Name);

public sealed record MeAgency(
    string Id, string Name, string ConnectionState, string[] Scopes, DateTimeOffset? TokenExpiresAt, DateTimeOffset? LastRefreshedAt);

public sealed record JwksResponse(IReadOnlyList<Jwk> Keys);

public sealed record Jwk(
    [property: System.Text.Json.Serialization.JsonPropertyName("kty")] string Kty,
    [property: System.Text.Json.Serialization.JsonPropertyName("crv")] string Crv,
    [property: System.Text.Json.Serialization.JsonPropertyName("x")] string X,
    [property: System.Text.Json.Serialization.JsonPropertyName("y")] string Y,
    [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("use")] string Use,
    [property: System.Text.Json.Serialization.JsonPropertyName("alg")] string Alg);
