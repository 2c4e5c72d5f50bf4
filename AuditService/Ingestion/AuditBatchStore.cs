using Npgsql;
using NpgsqlTypes;
using Provisioner.AuditService.Chain;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Commits one batch in one transaction: lock the batch's agencies, drop messages already stored, extend each agency's
/// chain in arrival order, COPY the rows and move the chain heads.
/// </summary>
public sealed class AuditBatchStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string LockSql =
        // Advisory locks per agency, taken in one order, serialise writers of other instances without deadlocks.
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(a, 0) AS k FROM unnest($1::text[]) a ORDER BY 1) s";

    private const string ExistingSql =
        $"SELECT message_id FROM {AuditDbContext.EntriesTable} WHERE message_id = ANY($1) " +
        $"UNION ALL SELECT message_id FROM {AuditDbContext.ArchiveTable} WHERE message_id = ANY($1)";

    private const string HeadsSql =
        $"SELECT agency_id, sequence, hash FROM {AuditDbContext.HeadsTable} WHERE agency_id = ANY($1)";

    // The hash covers the payload exactly as PostgreSQL will return it, so the jsonb text form is fetched first.
    private const string NormaliseSql = "SELECT p::jsonb::text FROM unnest($1::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n";

    private const string CopySql =
        $"COPY {AuditDbContext.EntriesTable} (message_id, agency_id, sequence, message_type, job_id, actor, occurred_at, " +
        "received_at, payload, previous_hash, hash) FROM STDIN (FORMAT BINARY)";

    private const string MoveHeadsSql =
        $"INSERT INTO {AuditDbContext.HeadsTable} (agency_id, sequence, hash) " +
        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) " +
        "ON CONFLICT (agency_id) DO UPDATE SET sequence = EXCLUDED.sequence, hash = EXCLUDED.hash";

    public async Task StoreAsync(IReadOnlyList<PendingEntry> batch, CancellationToken cancellationToken)
    {
        // A message delivered twice within one batch is stored once; both deliveries complete with the commit.
        var entries = batch.Select(p => p.Entry).DistinctBy(e => e.MessageId).ToList();
        var agencies = entries.Select(e => e.AgencyId).Distinct().ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var batchCommand = new NpgsqlBatch(connection, transaction))
        {
            batchCommand.BatchCommands.Add(Command(LockSql, agencies));
            batchCommand.BatchCommands.Add(Command(ExistingSql, entries.Select(e => e.MessageId).ToArray()));
            batchCommand.BatchCommands.Add(Command(HeadsSql, agencies));
            batchCommand.BatchCommands.Add(Command(NormaliseSql, entries.Select(e => e.Payload).ToArray()));
            await using var reader = await batchCommand.ExecuteReaderAsync(cancellationToken);

            await reader.NextResultAsync(cancellationToken);
            var existing = new HashSet<Guid>();
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetGuid(0));
            }

            await reader.NextResultAsync(cancellationToken);
            var heads = new Dictionary<string, (long Sequence, string Hash)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                heads[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
            }

            await reader.NextResultAsync(cancellationToken);
            var index = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                entries[index++].Payload = reader.GetString(0);
            }

            entries.RemoveAll(e => existing.Contains(e.MessageId));
            Link(entries, heads);
        }

        if (entries.Count > 0)
        {
            await CopyAsync(connection, entries, cancellationToken);
            await MoveHeadsAsync(connection, transaction, entries, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Extends each agency's chain, in the order the entries arrived.</summary>
    private void Link(List<AuditEntry> entries, Dictionary<string, (long Sequence, string Hash)> heads)
    {
        var receivedAt = CanonicalForm.ToStoredPrecision(clock.GetUtcNow());
        foreach (var entry in entries)
        {
            var (sequence, hash) = heads.GetValueOrDefault(entry.AgencyId, (0, CanonicalForm.GenesisHash));
            entry.Sequence = sequence + 1;
            entry.PreviousHash = hash;
            entry.ReceivedAt = receivedAt;
            entry.OccurredAt = CanonicalForm.ToStoredPrecision(entry.OccurredAt);
            entry.Hash = CanonicalForm.Hash(entry);
            heads[entry.AgencyId] = (entry.Sequence, entry.Hash);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
        foreach (var e in entries)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(e.MessageId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(e.AgencyId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(e.MessageType, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, e.JobId, cancellationToken);
            await WriteNullableAsync(importer, e.Actor, cancellationToken);
            await importer.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(e.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(e.Payload, NpgsqlDbType.Jsonb, cancellationToken);
            await importer.WriteAsync(e.PreviousHash, NpgsqlDbType.Char, cancellationToken);
            await importer.WriteAsync(e.Hash, NpgsqlDbType.Char, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task MoveHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var last = entries.GroupBy(e => e.AgencyId).Select(g => g.MaxBy(e => e.Sequence)!).ToList();
        await using var command = new NpgsqlCommand(MoveHeadsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = last.Select(e => e.AgencyId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = last.Select(e => e.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = last.Select(e => e.Hash).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command<T>(string sql, T[] values) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = values } } };
}
