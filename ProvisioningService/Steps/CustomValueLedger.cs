namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// The custom value changes of a job, outside the saga's transaction (table <c>steps.custom_value_changes</c>): the
/// first record per (job, custom value) wins, so the value to restore is the one GHL had before this job touched it,
/// even when a crashed consume lost the saga's copy and the re-run finds the value already equal.
/// </summary>
public sealed class CustomValueLedger(StepsDatabase database)
{
    /// <summary>Committed before the PUT (or right after the POST); a later record of the same id is ignored.</summary>
    public async Task RecordAsync(Guid jobId, string agencyId, CustomValueChange change, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync("""
            INSERT INTO steps.custom_value_changes (job_id, agency_id, custom_value_id, name, previous_value)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (job_id, custom_value_id) DO NOTHING
            """, cancellationToken, jobId, agencyId, change.Id, change.Name, (object?)change.PreviousValue ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
