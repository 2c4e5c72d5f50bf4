using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Ghl;
using Provisioner.AuthService.Vault;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Tokens;

/// <summary>
/// Reads, refreshes and purges an agency's GHL token pair. GHL refresh tokens are single-use, so a refresh is
/// single-flight per agency across every instance: in-process gate, then a PostgreSQL advisory lock inside a
/// transaction, a re-read (another instance may have refreshed already), the GHL call, save, commit.
/// </summary>
public sealed class AgencyTokenService(
    AuthDbContext db,
    TokenVault vault,
    GhlOAuthGateway ghl,
    RefreshGate gate,
    IPublishEndpoint publish,
    IOptions<TokenRefreshOptions> options,
    TimeProvider clock,
    ILogger<AgencyTokenService> logger)
{
    public const string RefreshActor = "system:token-refresh";

    /// <summary>A valid access token, refreshed first if it expires within the configured margin.</summary>
    public async Task<AgencyAccessToken> GetAccessTokenAsync(string agencyId, CancellationToken cancellationToken)
    {
        var state = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => (ConnectionState?)a.State)
            .SingleOrDefaultAsync(cancellationToken);
        var token = await db.AgencyTokens.AsNoTracking().SingleOrDefaultAsync(t => t.AgencyId == agencyId, cancellationToken);
        if (state == ConnectionState.Connected && token is not null && !ExpiresSoon(token))
        {
            return Decrypt(token);
        }

        return await RefreshUnderLockAsync(agencyId, ExpiresSoon, cancellationToken);
    }

    /// <summary>
    /// Refresh after GHL rejected the access token of <paramref name="rejectedVersion"/> (a 401). If another caller
    /// already replaced that version, the newer token is returned without calling GHL.
    /// </summary>
    public Task<AgencyAccessToken> RefreshAsync(string agencyId, int rejectedVersion, CancellationToken cancellationToken) =>
        RefreshUnderLockAsync(agencyId, t => t.Version == rejectedVersion, cancellationToken);

    /// <summary>
    /// The same, keyed by the access token GHL rejected (the shape GhlClient's <c>IGhlTokenProvider.RefreshAsync</c>
    /// uses): refreshes only while the stored token is still that one.
    /// </summary>
    public Task<AgencyAccessToken> RefreshAsync(string agencyId, string rejectedAccessToken, CancellationToken cancellationToken) =>
        RefreshUnderLockAsync(
            agencyId,
            t => CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(vault.Decrypt(t.AccessTokenCipher, agencyId)), Encoding.UTF8.GetBytes(rejectedAccessToken)),
            cancellationToken);

    /// <summary>Writes a new pair from GHL onto the agency (caller holds the agency lock and saves).</summary>
    public AgencyToken Apply(Agency agency, AgencyToken? existing, GhlTokenResponse response)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now.AddSeconds(response.ExpiresIn is > 0 ? response.ExpiresIn.Value : 86_399);
        var token = existing ?? new AgencyToken { AgencyId = agency.Id, AccessTokenCipher = [], RefreshTokenCipher = [], KeyId = "" };
        token.AccessTokenCipher = vault.Encrypt(response.AccessToken!, agency.Id);
        token.RefreshTokenCipher = vault.Encrypt(response.RefreshToken!, agency.Id);
        token.KeyId = vault.ActiveKeyId;
        token.ExpiresAt = expiresAt;
        token.Version++;
        token.UpdatedAt = now;
        agency.State = ConnectionState.Connected;
        agency.Scopes = response.Scope ?? agency.Scopes;
        agency.TokenExpiresAt = expiresAt;
        agency.LastRefreshedAt = now;
        agency.UpdatedAt = now;
        return token;
    }

    /// <summary>Deletes every token of the agency and marks it disconnected; publishes once if it was not already.</summary>
    public async Task<bool> DisconnectAsync(string agencyId, string reason, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AgencyLock.AcquireAsync(db, agencyId, cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        if (agency is null)
        {
            return false;
        }

        var deleted = await db.AgencyTokens.Where(t => t.AgencyId == agencyId).ExecuteDeleteAsync(cancellationToken)
            + await db.LocationTokens.Where(t => t.AgencyId == agencyId).ExecuteDeleteAsync(cancellationToken);
        var changed = agency.State != ConnectionState.Disconnected || deleted > 0;
        agency.State = ConnectionState.Disconnected;
        agency.TokenExpiresAt = null;
        agency.UpdatedAt = clock.GetUtcNow();
        if (changed)
        {
            // Bus outbox: stored by the SaveChanges below, sent only if this transaction commits.
            await publish.Publish(new AgencyDisconnected(agencyId, reason, actor, clock.GetUtcNow()), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<AgencyAccessToken> RefreshUnderLockAsync(
        string agencyId, Func<AgencyToken, bool> stillNeeded, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(agencyId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AgencyLock.AcquireAsync(db, agencyId, cancellationToken);

        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new AgencyNotConnectedException(agencyId, ConnectionState.Disconnected);
        var token = await db.AgencyTokens.SingleOrDefaultAsync(t => t.AgencyId == agencyId, cancellationToken);
        if (agency.State != ConnectionState.Connected || token is null)
        {
            // The agency's own state when it says why (NeedsReconnect); a connected agency without tokens is Disconnected.
            throw new AgencyNotConnectedException(agencyId, agency.State != ConnectionState.Connected ? agency.State : ConnectionState.Disconnected);
        }

        if (!stillNeeded(token))
        {
            return Decrypt(token);
        }

        GhlTokenResponse response;
        try
        {
            response = await ghl.RefreshAsync(vault.Decrypt(token.RefreshTokenCipher, agencyId), cancellationToken);
        }
        catch (GhlOAuthException e) when (e.IsRejected)
        {
            // A rejected grant is final: mark the agency, tell the others once, and let nothing retry it.
            agency.State = ConnectionState.NeedsReconnect;
            agency.UpdatedAt = clock.GetUtcNow();
            // Published before the save so the event commits with the state change, under the agency lock.
            await publish.Publish(new AgencyNeedsReconnect(agencyId, e.Message, RefreshActor, clock.GetUtcNow()), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogWarning("GHL rejected the refresh token of agency {AgencyId} ({Status}); it needs a reconnect",
                agencyId, (int?)e.StatusCode);
            throw new AgencyNotConnectedException(agencyId, ConnectionState.NeedsReconnect);
        }

        Apply(agency, token, response);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Refreshed the GHL token of agency {AgencyId}; expires {ExpiresAt:O}", agencyId, token.ExpiresAt);
        return new AgencyAccessToken(agencyId, response.AccessToken!, token.ExpiresAt, token.Version);
    }

    private bool ExpiresSoon(AgencyToken token) => token.ExpiresAt <= clock.GetUtcNow() + options.Value.Margin;

    private AgencyAccessToken Decrypt(AgencyToken token) =>
        new(token.AgencyId, vault.Decrypt(token.AccessTokenCipher, token.AgencyId), token.ExpiresAt, token.Version);
}
