using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Provisioner.AuthService.Data;

/// <summary>
/// A PostgreSQL transaction-scoped advisory lock per agency: every instance serialises token writes for one
/// agency on it, and it is released by the commit or rollback, so a crashed instance cannot leave it held.
/// </summary>
public static class AgencyLock
{
    /// <summary>Blocks until this transaction holds the agency's lock. Requires an open transaction.</summary>
    public static async Task AcquireAsync(AuthDbContext db, string agencyId, CancellationToken cancellationToken)
    {
        var key = KeyFor("agency-token:" + agencyId);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    /// <summary>
    /// The lock for minting one location's token. Separate from the agency lock, so minting for one location neither
    /// waits for nor blocks another location or an agency refresh. Requires an open transaction.
    /// </summary>
    public static async Task AcquireLocationAsync(AuthDbContext db, string agencyId, string locationId, CancellationToken cancellationToken)
    {
        var key = KeyFor($"location-token:{agencyId}:{locationId}");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    /// <summary>A stable 64-bit key (SHA-256 prefix) so every instance, whatever its runtime, derives the same one.</summary>
    public static long KeyFor(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
