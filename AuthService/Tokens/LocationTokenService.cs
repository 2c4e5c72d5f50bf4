using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Ghl;
using Provisioner.AuthService.Vault;

namespace Provisioner.AuthService.Tokens;

/// <summary>
/// Location tokens: minted from the agency token with <c>POST /oauth/locationToken</c>, stored encrypted (agency id
/// as associated data) in <c>location_tokens</c>, and served from there until they expire within the refresh margin.
/// A mint is single-flight per (agency, location) across instances: in-process gate, then an advisory lock inside a
/// transaction and a re-read, so concurrent callers get the token the first one minted.
/// </summary>
public sealed class LocationTokenService(
    AuthDbContext db,
    TokenVault vault,
    GhlOAuthGateway ghl,
    AgencyTokenService agencyTokens,
    RefreshGate gate,
    IOptions<TokenRefreshOptions> options,
    TimeProvider clock,
    ILogger<LocationTokenService> logger)
{
    /// <summary>A valid token for the location, from the cache or freshly minted.</summary>
    public async Task<LocationAccessToken> GetAccessTokenAsync(string agencyId, string locationId, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(agencyId, cancellationToken);
        var cached = await db.LocationTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.AgencyId == agencyId && t.LocationId == locationId, cancellationToken);
        if (cached is not null && !ExpiresSoon(cached))
        {
            return Decrypt(cached);
        }

        return await MintAsync(agencyId, locationId, rejectedToken: null, cancellationToken);
    }

    /// <summary>
    /// GHL answered 401 to <paramref name="rejectedToken"/>: mint a new token only while the cached one is still that
    /// token; if another caller already replaced it, return the newer one without calling GHL.
    /// </summary>
    public async Task<LocationAccessToken> RefreshAsync(
        string agencyId, string locationId, string rejectedToken, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(agencyId, cancellationToken);
        return await MintAsync(agencyId, locationId, rejectedToken, cancellationToken);
    }

    private async Task<LocationAccessToken> MintAsync(
        string agencyId, string locationId, string? rejectedToken, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync($"location:{agencyId}:{locationId}", cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // Read before the transaction: AgencyTokenService may refresh, in a transaction of its own.
            var agency = await agencyTokens.GetAccessTokenAsync(agencyId, cancellationToken);
            var minted = await MintUnderLockAsync(agencyId, locationId, rejectedToken, agency.AccessToken, cancellationToken);
            if (minted is not null)
            {
                return minted;
            }

            if (attempt == 2)
            {
                // A fresh agency token was refused too: the location is not this agency's to reach.
                throw new LocationNotAccessibleException(agencyId, locationId, notFound: false);
            }

            // A 401 may mean GHL revoked the agency token ahead of its expiry: refresh it once (single flight,
            // keyed by the rejected token) and mint again, as any GHL call does after a 401.
            await agencyTokens.RefreshAsync(agencyId, agency.AccessToken, cancellationToken);
        }
    }

    /// <returns>The token, or null when GHL rejected the agency token (401).</returns>
    private async Task<LocationAccessToken?> MintUnderLockAsync(
        string agencyId, string locationId, string? rejectedToken, string agencyAccessToken, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AgencyLock.AcquireLocationAsync(db, agencyId, locationId, cancellationToken);
        var row = await db.LocationTokens.SingleOrDefaultAsync(t => t.AgencyId == agencyId && t.LocationId == locationId, cancellationToken);
        if (row is not null && !ExpiresSoon(row))
        {
            var current = Decrypt(row);
            if (rejectedToken is null || !SameToken(current.AccessToken, rejectedToken))
            {
                // Another caller (this instance or another) minted while we queued.
                return current;
            }
        }

        GhlLocationTokenResponse response;
        try
        {
            response = await ghl.MintLocationTokenAsync(agencyId, locationId, agencyAccessToken, cancellationToken);
        }
        catch (GhlOAuthException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }
        catch (GhlOAuthException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            logger.LogInformation("GHL refused a token for location {LocationId} of agency {AgencyId} ({Status})",
                locationId, agencyId, (int?)e.StatusCode);
            throw new LocationNotAccessibleException(agencyId, locationId, notFound: e.StatusCode != HttpStatusCode.Forbidden);
        }

        var now = clock.GetUtcNow();
        row ??= db.LocationTokens.Add(new LocationToken { AgencyId = agencyId, LocationId = locationId, AccessTokenCipher = [], KeyId = "" }).Entity;
        row.AccessTokenCipher = vault.Encrypt(response.AccessToken!, agencyId);
        row.RefreshTokenCipher = response.RefreshToken is { Length: > 0 } refresh ? vault.Encrypt(refresh, agencyId) : null;
        row.KeyId = vault.ActiveKeyId;
        row.ExpiresAt = now.AddSeconds(response.ExpiresIn is > 0 ? response.ExpiresIn.Value : 86_399);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Minted a GHL token for location {LocationId} of agency {AgencyId}; expires {ExpiresAt:O}",
            locationId, agencyId, row.ExpiresAt);
        return new LocationAccessToken(agencyId, locationId, response.AccessToken!, row.ExpiresAt);
    }

    /// <summary>A cached location token is served only while its agency is connected (a reconnect may change access).</summary>
    private async Task EnsureConnectedAsync(string agencyId, CancellationToken cancellationToken)
    {
        var state = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => (ConnectionState?)a.State)
            .SingleOrDefaultAsync(cancellationToken);
        if (state != ConnectionState.Connected)
        {
            throw new AgencyNotConnectedException(agencyId, state ?? ConnectionState.Disconnected);
        }
    }

    private static bool SameToken(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private bool ExpiresSoon(LocationToken token) => token.ExpiresAt <= clock.GetUtcNow() + options.Value.Margin;

    private LocationAccessToken Decrypt(LocationToken token) =>
        new(token.AgencyId, token.LocationId, vault.Decrypt(token.AccessTokenCipher, token.AgencyId), token.ExpiresAt);
}
