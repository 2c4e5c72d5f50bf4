using Npgsql;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Chain;

/// <summary>
/// Walks an agency's chain over the archive and the live table in sequence order, streaming, and recomputes every
/// hash: a changed field breaks that entry's hash, a removed or inserted entry breaks the sequence and the link of the
/// next one, and a removed tail no longer matches the chain head.
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "message_id, agency_id, sequence, message_type, job_id, actor, occurred_at, received_at, payload::text, previous_hash, hash";

    private const string WalkSql =
        $"SELECT * FROM (SELECT {Columns} FROM {AuditDbContext.ArchiveTable} WHERE agency_id = $1 " +
        $"UNION ALL SELECT {Columns} FROM {AuditDbContext.EntriesTable} WHERE agency_id = $1) chain ORDER BY sequence";

    private const string HeadSql = $"SELECT sequence, hash FROM {AuditDbContext.HeadsTable} WHERE agency_id = $1";

    public async Task<VerifyResult> VerifyAsync(string agencyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the walk and the head, so entries committed meanwhile do not look like a broken end.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        long expected = 1;
        var previous = CanonicalForm.GenesisHash;
        await using (var walk = new NpgsqlCommand(WalkSql, connection, transaction) { Parameters = { new() { Value = agencyId } } })
        await using (var reader = await walk.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = Read(reader);
                var reason =
                    entry.Sequence != expected ? $"sequence {entry.Sequence} where {expected} was expected"
                    : entry.PreviousHash != previous ? "previous hash does not match the preceding entry"
                    : CanonicalForm.Hash(entry) != entry.Hash ? "content does not match its hash"
                    : null;
                if (reason is not null)
                {
                    return new VerifyResult(false, expected, entry.MessageId, reason);
                }

                expected++;
                previous = entry.Hash;
            }
        }

        var checkedCount = expected - 1;
        await using var head = new NpgsqlCommand(HeadSql, connection, transaction) { Parameters = { new() { Value = agencyId } } };
        await using var headReader = await head.ExecuteReaderAsync(cancellationToken);
        var (headSequence, headHash) = await headReader.ReadAsync(cancellationToken)
            ? (headReader.GetInt64(0), headReader.GetString(1))
            : (0L, CanonicalForm.GenesisHash);
        return headSequence == checkedCount && headHash == previous
            ? new VerifyResult(true, checkedCount, null, null)
            : new VerifyResult(false, checkedCount, null, $"the chain ends at sequence {checkedCount} but its recorded head is sequence {headSequence} with another hash: entries are missing at the end");
    }

    private static AuditEntry Read(NpgsqlDataReader reader) => new()
    {
        MessageId = reader.GetGuid(0),
        AgencyId = reader.GetString(1),
        Sequence = reader.GetInt64(2),
        MessageType = reader.GetString(3),
        JobId = reader.IsDBNull(4) ? null : reader.GetString(4),
        Actor = reader.IsDBNull(5) ? null : reader.GetString(5),
        OccurredAt = reader.GetFieldValue<DateTimeOffset>(6),
        ReceivedAt = reader.GetFieldValue<DateTimeOffset>(7),
        Payload = reader.GetString(8),
        PreviousHash = reader.GetString(9),
        Hash = reader.GetString(10),
    };
}
