using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Sessions;

namespace Provisioner.AuthService.Vault;

/// <summary>
/// Moves ciphertexts from retired vault keys to the active key. Each agency's rows are rewritten under the agency
/// lock, after a re-read, so a refresh running at the same moment on another instance is never overwritten by
/// a re-encrypted copy of the old token pair.
/// </summary>
public sealed class VaultReencryptor(AuthDbContext db, TokenVault vault, ILogger<VaultReencryptor> logger)
{
    /// <summary>Re-encrypts up to <paramref name="batchSize"/> agencies' rows and all signing keys; returns rows moved.</summary>
    public async Task<int> ReencryptBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var active = vault.ActiveKeyId;
        var agencyIds = await db.AgencyTokens.Where(t => t.KeyId != active).Select(t => t.AgencyId)
            .Union(db.LocationTokens.Where(t => t.KeyId != active).Select(t => t.AgencyId))
            .OrderBy(id => id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

        var moved = 0;
        foreach (var agencyId in agencyIds)
        {
            moved += await ReencryptAgencyAsync(agencyId, cancellationToken);
        }

        moved += await ReencryptSigningKeysAsync(cancellationToken);
        if (moved > 0)
        {
            logger.LogInformation("Re-encrypted {Count} vault rows under key {KeyId}", moved, active);
        }

        return moved;
    }

    private async Task<int> ReencryptAgencyAsync(string agencyId, CancellationToken cancellationToken)
    {
        var active = vault.ActiveKeyId;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AgencyLock.AcquireAsync(db, agencyId, cancellationToken);
        var moved = 0;
        var token = await db.AgencyTokens.SingleOrDefaultAsync(t => t.AgencyId == agencyId && t.KeyId != active, cancellationToken);
        if (token is not null)
        {
            token.AccessTokenCipher = vault.Encrypt(vault.Decrypt(token.AccessTokenCipher, agencyId), agencyId);
            token.RefreshTokenCipher = vault.Encrypt(vault.Decrypt(token.RefreshTokenCipher, agencyId), agencyId);
            token.KeyId = active;
            moved++;
        }

        var locations = await db.LocationTokens.Where(t => t.AgencyId == agencyId && t.KeyId != active).ToListAsync(cancellationToken);
        foreach (var location in locations)
        {
            location.AccessTokenCipher = vault.Encrypt(vault.Decrypt(location.AccessTokenCipher, agencyId), agencyId);
            if (location.RefreshTokenCipher is not null)
            {
                location.RefreshTokenCipher = vault.Encrypt(vault.Decrypt(location.RefreshTokenCipher, agencyId), agencyId);
            }

            location.KeyId = active;
            moved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    private async Task<int> ReencryptSigningKeysAsync(CancellationToken cancellationToken)
    {
        var active = vault.ActiveKeyId;
        var keys = await db.SigningKeys.Where(k => k.KeyId != active).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            var owner = JwtSigningKeys.VaultOwner(key.Kid);
            key.PrivateKeyCipher = vault.Encrypt(vault.Decrypt(key.PrivateKeyCipher, owner), owner);
            key.KeyId = active;
        }

        await db.SaveChangesAsync(cancellationToken);
        return keys.Count;
    }
}
