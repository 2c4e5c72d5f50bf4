namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Remembers, outside the saga's transaction, that a job is about to create its location (and, once known, which
/// location it got). GHL has no idempotency key: if the process dies after <c>POST /locations/</c> the saga's
/// transaction rolls back and forgets, but this row survives, so the next run searches GHL before creating again.
/// Table <c>steps.location_create_attempts</c>; every query names the agency as well as the job (tenant isolation).
/// </summary>
public sealed class LocationCreateLedger(StepsDatabase database)
{
    /// <summary>The job's attempt, or null if it never tried to create a location.</summary>
    public async Task<LocationCreateAttempt?> FindAsync(Guid jobId, string agencyId, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync(
            "SELECT attempted_at, attempts, location_id FROM steps.location_create_attempts WHERE job_id = $1 AND agency_id = $2",
            cancellationToken, jobId, agencyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new LocationCreateAttempt(
            reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Written and committed before the POST: from here on a run must look before it creates.</summary>
    public async Task RecordAttemptAsync(Guid jobId, string agencyId, string businessName, string businessEmail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync("""
            INSERT INTO steps.location_create_attempts (job_id, agency_id, attempted_at, attempts, business_name, business_email)
            VALUES ($1, $2, $3, 1, $4, $5)
            ON CONFLICT (job_id) DO UPDATE SET attempted_at = excluded.attempted_at, attempts = location_create_attempts.attempts + 1
            WHERE location_create_attempts.agency_id = excluded.agency_id
            """, cancellationToken, jobId, agencyId, at, businessName, businessEmail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The location the job created or adopted; other jobs of the agency will not adopt it.</summary>
    public async Task RecordLocationAsync(Guid jobId, string agencyId, string locationId, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync(
            "UPDATE steps.location_create_attempts SET location_id = $3 WHERE job_id = $1 AND agency_id = $2",
            cancellationToken, jobId, agencyId, locationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Of <paramref name="locationIds"/>, those another job of the agency already created or adopted.</summary>
    public async Task<IReadOnlySet<string>> ClaimedByOtherJobsAsync(Guid jobId, string agencyId, IReadOnlyCollection<string> locationIds, CancellationToken cancellationToken)
    {
        await using var command = await database.CommandAsync("""
            SELECT location_id FROM steps.location_create_attempts
            WHERE agency_id = $2 AND job_id <> $1 AND location_id = ANY($3)
            """, cancellationToken, jobId, agencyId, locationIds.ToArray());
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetString(0));
        }

        return claimed;
    }
}

/// <summary>A job's recorded create attempt; <see cref="LocationId"/> is set once the location is known.</summary>
public sealed record LocationCreateAttempt(DateTimeOffset AttemptedAt, int Attempts, string? LocationId);
