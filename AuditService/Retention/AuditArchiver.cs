using Npgsql;

namespace Provisioner.AuditService.Retention;

/// <summary>
/// Moves entries received before a cutoff to <c>audit_archive</c> through the database function
/// <c>audit_archive_expired</c>: copy, then delete only rows whose identical copy is archived, in one transaction.
/// </summary>
public sealed class AuditArchiver(NpgsqlDataSource dataSource, ILogger<AuditArchiver> logger)
{
    /// <returns>How many entries moved.</returns>
    public async Task<long> ArchiveAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        long total = 0;
        int moved;
        do
        {
            await using var command = dataSource.CreateCommand("SELECT audit_archive_expired($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
            moved = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            total += moved;
        }
        while (moved == batchSize);

        if (total > 0)
        {
            logger.LogInformation("Archived {Count} audit entries received before {Cutoff:O}.", total, cutoff);
        }

        return total;
    }
}
