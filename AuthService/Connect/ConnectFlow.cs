using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Ghl;
using Provisioner.AuthService.Sessions;
using Provisioner.AuthService.Tokens;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Connect;

/// <summary>
/// The GHL OAuth connect flow. The state is random, single-use (deleted when presented), short-lived and bound to
/// the browser that started the flow by a nonce in an HttpOnly cookie; only hashes of both are stored.
/// </summary>
public sealed class ConnectFlow(
    AuthDbContext db,
    GhlOAuthGateway ghl,
    AgencyTokenService tokens,
    IPublishEndpoint publish,
    IOptions<GhlClientOptions> ghlOptions,
    IOptions<SessionCookieOptions> sessionOptions,
    TimeProvider clock,
    ILogger<ConnectFlow> logger)
{
    public const string NonceCookie = "provisioner.connect";
    public const string CallbackPath = "/api/auth/callback";

    /// <summary>Stores a new state and sets the browser nonce cookie; returns GHL's consent URL.</summary>
    public async Task<string> StartAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lifetime = sessionOptions.Value.ConnectStateLifetime;
        var state = RandomToken();
        var nonce = RandomToken();
        await db.OAuthStates.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.OAuthStates.Add(new OAuthState { StateHash = Hash(state), BrowserNonceHash = Hash(nonce), CreatedAt = now, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync(cancellationToken);

        response.Cookies.Append(NonceCookie, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = sessionOptions.Value.SecureCookies,
            // Lax: the callback is a top-level GET navigation from GHL, which Lax cookies accompany.
            SameSite = SameSiteMode.Lax,
            Path = CallbackPath,
            MaxAge = lifetime,
        });

        var ghlApp = ghlOptions.Value;
        return QueryHelpers.AddQueryString(ghlApp.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = ghlApp.ClientId,
            ["redirect_uri"] = ghlApp.RedirectUri,
            ["scope"] = ghlApp.Scopes,
            ["state"] = state,
        });
    }

    /// <summary>Checks and burns the state: a presented state never works twice, whatever the outcome.</summary>
    public async Task<ConnectFailure?> ConsumeStateAsync(string? state, string? browserNonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return new ConnectFailure(StatusCodes.Status400BadRequest, "state", "The state parameter is missing.");
        }

        var stateHash = Hash(state);
        var row = await db.OAuthStates.AsNoTracking().SingleOrDefaultAsync(s => s.StateHash == stateHash, cancellationToken);
        var deleted = await db.OAuthStates.Where(s => s.StateHash == stateHash).ExecuteDeleteAsync(cancellationToken);
        if (row is null || deleted == 0)
        {
            return new ConnectFailure(StatusCodes.Status400BadRequest, "state", "The state is unknown or was already used.");
        }

        if (row.ExpiresAt < clock.GetUtcNow())
        {
            return new ConnectFailure(StatusCodes.Status400BadRequest, "state", "The state has expired; start the connection again.");
        }

        if (string.IsNullOrEmpty(browserNonce) || !CryptographicOperations.FixedTimeEquals(Hash(browserNonce), row.BrowserNonceHash))
        {
            return new ConnectFailure(StatusCodes.Status400BadRequest, "state", "The state was not issued to this browser.");
        }

        return null;
    }

    /// <summary>Exchanges the code, stores the agency's tokens encrypted, and creates or updates the user.</summary>
    public async Task<(Caller? Caller, ConnectFailure? Failure)> CompleteAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code))
        {
            return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "code", "The code parameter is missing."));
        }

        GhlTokenResponse grant;
        string? name;
        try
        {
            grant = await ghl.ExchangeCodeAsync(code, cancellationToken);
            if (grant.UserType != "Company" || grant.CompanyId is not { Length: > 0 } || grant.UserId is not { Length: > 0 })
            {
                return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "code",
                    "GHL returned a sub-account token; install the app at agency level (user_type Company)."));
            }

            name = await ghl.GetCompanyNameAsync(grant.CompanyId, grant.AccessToken!, cancellationToken);
        }
        catch (GhlOAuthException e)
        {
            logger.LogWarning("GHL connect failed: {Reason}", e.Message);
            return (null, e.IsRejected
                ? new ConnectFailure(StatusCodes.Status400BadRequest, "code", "GHL rejected the authorization code.")
                : new ConnectFailure(StatusCodes.Status502BadGateway, "code", "GHL did not complete the code exchange; try again."));
        }

        var (agency, user) = await SaveAsync(grant, name, cancellationToken);
        return (new Caller(AuthClaims.SubjectFor(user), agency.Id, user.Role, user.Name, AuthClaims.CookieMethod), null);
    }

    private async Task<(Agency Agency, AppUser User)> SaveAsync(GhlTokenResponse grant, string? name, CancellationToken cancellationToken)
    {
        var agencyId = grant.CompanyId!;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AgencyLock.AcquireAsync(db, agencyId, cancellationToken);

        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        if (agency is null)
        {
            agency = new Agency { Id = agencyId, Name = name ?? agencyId, CreatedAt = now };
            db.Agencies.Add(agency);
        }
        else if (name is { Length: > 0 })
        {
            agency.Name = name;
        }

        var existing = await db.AgencyTokens.SingleOrDefaultAsync(t => t.AgencyId == agencyId, cancellationToken);
        var token = tokens.Apply(agency, existing, grant);
        if (existing is null)
        {
            db.AgencyTokens.Add(token);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.AgencyId == agencyId && u.GhlUserId == grant.UserId, cancellationToken);
        if (user is null)
        {
            // The agency lock makes "first user" exact even when two users connect at once.
            var first = !await db.Users.AnyAsync(u => u.AgencyId == agencyId, cancellationToken);
            user = new AppUser
            {
                Id = Guid.CreateVersion7(), AgencyId = agencyId, GhlUserId = grant.UserId!, Name = $"GHL user {grant.UserId}",
                Role = first ? Role.Admin : Role.Viewer, CreatedAt = now,
            };
            db.Users.Add(user);
        }

        user.LastSignInAt = now;

        // Bus outbox: both events are saved in this transaction, so they are sent exactly when the connection commits.
        var actor = $"user:{user.Id}";
        await publish.Publish(new AgencyConnected(agency.Id, agency.Name, actor, now), cancellationToken);
        await publish.Publish(new UserSignedIn(agency.Id, user.Id, user.GhlUserId, RoleNames.ToName(user.Role), actor, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (agency, user);
    }

    private static string RandomToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}

/// <summary>Why a connect callback failed, as the ProblemDetails it becomes.</summary>
public sealed record ConnectFailure(int Status, string Field, string Detail);
