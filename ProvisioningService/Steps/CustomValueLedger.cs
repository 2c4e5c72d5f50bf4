namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// The custom value changes of a job, outside the saga's transaction (table <c>steps.custom_value_changes</c>): the
/// first record per (job, custom value) wins, so the value to restore is the one GHL had before this job touched it,
/// even when a crashed consume lost the saga's copy and the re-run finds the value already equal. Creates are announced
/// by name before the POST (table <c>steps.custom_value_creates</c>, removed when the created id is recorded): a value
/// found by a later run under an announced name was made by this job, so it is recorded as created, not left behind.
/// </summary>
/// <remarks>
/// A step writes here twice, whatever the number of values: <see cref="RecordIntentsAsync"/> before its first GHL
/// write and <see cref="CompleteAsync"/> after its last (each one statement, one autocommit).
/// </remarks>
public sealed class CustomValueLedger(StepsDatabase database)
{
    /// <summary>
    /// Committed before any write: the values about to be PUT with the value each had (<paramref name="updates"/>; a
    /// value already recorded keeps its first record) and the names about to be created (<paramref name="creates"/>).
    /// </summary>
    public async Task RecordIntentsAsync(
        Guid jobId, string agencyId, IReadOnlyList<CustomValueChange> updates, IReadOnlyList<string> creates, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync("""
            WITH changes AS (
                INSERT INTO steps.custom_value_changes (job_id, agency_id, custom_value_id, name, previous_value)
                SELECT $1, $2, c.id, c.name, c.previous FROM unnest($3::text[], $4::text[], $5::text[]) AS c(id, name, previous)
                ON CONFLICT (job_id, custom_value_id) DO NOTHING)
            INSERT INTO steps.custom_value_creates (job_id, agency_id, name_key, name)
            SELECT $1, $2, n.name_key, n.name FROM unnest($6::text[], $7::text[]) AS n(name_key, name)
            ON CONFLICT (job_id, name_key) DO NOTHING
            """, cancellationToken, jobId, agencyId,
            updates.Select(u => u.Id).ToArray(), updates.Select(u => u.Name).ToArray(), updates.Select(u => u.PreviousValue).ToArray(),
            creates.Select(NameKey).ToArray(), creates.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records the values this run created (resolving their announced names) and returns, in the same statement, every
    /// change of the job and the names announced by an earlier run and still unresolved.
    /// </summary>
    public async Task<CustomValueRecord> CompleteAsync(
        Guid jobId, string agencyId, IReadOnlyList<CustomValueChange> created, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync("""
            WITH added AS (
                INSERT INTO steps.custom_value_changes (job_id, agency_id, custom_value_id, name, previous_value)
                SELECT $1, $2, c.id, c.name, NULL FROM unnest($3::text[], $4::text[]) AS c(id, name)
                ON CONFLICT (job_id, custom_value_id) DO NOTHING
                RETURNING custom_value_id, name, previous_value, recorded_at),
            resolved AS (
                DELETE FROM steps.custom_value_creates WHERE job_id = $1 AND agency_id = $2 AND name_key = ANY($5::text[]))
            SELECT true, custom_value_id, name, previous_value, recorded_at FROM steps.custom_value_changes WHERE job_id = $1 AND agency_id = $2
            UNION ALL SELECT true, custom_value_id, name, previous_value, recorded_at FROM added
            UNION ALL SELECT false, NULL, name, NULL, recorded_at FROM steps.custom_value_creates
                WHERE job_id = $1 AND agency_id = $2 AND name_key <> ALL($5::text[])
            ORDER BY 5, 2
            """, cancellationToken, jobId, agencyId,
            created.Select(c => c.Id).ToArray(), created.Select(c => c.Name).ToArray(), created.Select(c => NameKey(c.Name)).ToArray());
        var (changes, announced) = (new List<CustomValueChange>(), new List<string>());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
            {
                changes.Add(new CustomValueChange(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
            else
            {
                announced.Add(reader.GetString(2));
            }
        }

        return new CustomValueRecord(changes, announced);
    }

    /// <summary>GHL matches custom value names case-insensitively; so do the announced creates.</summary>
    private static string NameKey(string name) => name.Trim().ToUpperInvariant();

    public async Task<IReadOnlyList<CustomValueChange>> ListAsync(Guid jobId, string agencyId, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync("""
            SELECT custom_value_id, name, previous_value FROM steps.custom_value_changes
            WHERE job_id = $1 AND agency_id = $2 ORDER BY recorded_at, custom_value_id
            """, cancellationToken, jobId, agencyId);
        var changes = new List<CustomValueChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new CustomValueChange(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return changes;
    }

    /// <summary>Adds to <paramref name="progress"/> the changes it lost with a rolled-back transaction.</summary>
    public async Task MergeIntoAsync(Guid jobId, string agencyId, JobProgress progress, CancellationToken cancellationToken)
    {
        foreach (var change in await ListAsync(jobId, agencyId, cancellationToken))
        {
            if (!progress.CustomValueChanges.Any(c => c.Id == change.Id))
            {
                progress.CustomValueChanges.Add(change);
            }
        }
    }
}

/// <summary>A job's recorded custom value changes, and the names an earlier run announced creating but never recorded.</summary>
public sealed record CustomValueRecord(IReadOnlyList<CustomValueChange> Changes, IReadOnlyList<string> UnresolvedCreates);
