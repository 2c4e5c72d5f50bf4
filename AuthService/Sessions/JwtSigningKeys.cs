using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Vault;

namespace Provisioner.AuthService.Sessions;

/// <summary>
/// The ES256 keys JWTs are signed with: the configured PEM, or keys stored encrypted in the database (the first
/// instance generates one under an advisory lock, the others load it). Loaded once per process.
/// </summary>
public sealed class JwtSigningKeys(IServiceScopeFactory scopes, TokenVault vault, IOptions<JwtOptions> options) : IDisposable
{
    public const string Algorithm = "ES256";
    private readonly SemaphoreSlim loadGate = new(1, 1);
    private IReadOnlyList<JwtSigningKey>? keys;

    /// <summary>Associated data for a signing key's ciphertext, so it cannot be swapped with an agency token.</summary>
    public static string VaultOwner(string kid) => $"jwt-signing-key:{kid}";

    /// <summary>Every key to publish; the first is the one to sign with.</summary>
    public async Task<IReadOnlyList<JwtSigningKey>> GetAsync(CancellationToken cancellationToken)
    {
        if (keys is { } loaded)
        {
            return loaded;
        }

        await loadGate.WaitAsync(cancellationToken);
        try
        {
            return keys ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            loadGate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var key in keys ?? [])
        {
            key.Key.Dispose();
        }

        loadGate.Dispose();
    }

    private async Task<IReadOnlyList<JwtSigningKey>> LoadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SigningKeyPem is { Length: > 0 } pem)
        {
            var configured = ECDsa.Create();
            configured.ImportFromPem(pem);
            return [new JwtSigningKey(Thumbprint(configured), configured)];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AgencyLock.KeyFor("jwt-signing-keys")})", cancellationToken);
        var stored = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var kid = Thumbprint(generated);
            var row = new SigningKey
            {
                Kid = kid,
                Algorithm = Algorithm,
                PrivateKeyCipher = vault.Encrypt(generated.ExportPkcs8PrivateKeyPem(), VaultOwner(kid)),
                KeyId = vault.ActiveKeyId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.SigningKeys.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            stored.Add(row);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored.Select(row =>
        {
            var key = ECDsa.Create();
            key.ImportFromPem(vault.Decrypt(row.PrivateKeyCipher, VaultOwner(row.Kid)));
            return new JwtSigningKey(row.Kid, key);
        }).ToList();
    }

    /// <summary>A kid derived from the public key, so the same key always gets the same id.</summary>
    private static string Thumbprint(ECDsa key) =>
        Base64UrlEncoder(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static string Base64UrlEncoder(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record JwtSigningKey(string Kid, ECDsa Key);
