using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Saga;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>
/// Gives queued jobs their agency's run slots: oldest first, at most the agency's limit at once, agencies independent.
/// Runs inside a saga consume (its transaction); a transaction-scoped advisory lock per agency makes the count-and-pick
/// atomic across instances. Each admitted job gets <see cref="StartProvisioning"/> through the consume outbox.
/// </summary>
/// <remarks>
/// One round trip per decision: the lock, freeing a slot and the count-pick-insert go to PostgreSQL as one batch. The
/// first consume of every job admits (it is on the path from submission to the first GHL call), so the four queries
/// and the insert this used to take were measurable there.
/// </remarks>
public sealed class JobAdmissions(ProvisioningDbContext db, IPublishEndpoint publish, IOptions<JobRunOptions> options, TimeProvider clock)
{
    // hashtextextended gives a stable 64-bit key per agency; the lock is held until the consume transaction ends.
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended('job-admission:' || $1, 0))";

    private const string ReleaseSql = "DELETE FROM job_admissions WHERE job_id = $1";

    // Read after the lock, in a statement of its own: under READ COMMITTED it sees every admission committed before.
    private const string AdmitSql = """
        WITH slots AS (
            SELECT GREATEST(
                COALESCE((SELECT max_concurrent_jobs FROM agency_settings WHERE agency_id = $1), $2)
                - (SELECT count(*) FROM job_admissions WHERE agency_id = $1), 0) AS free),
        next AS (
            SELECT j.id, j.created_at FROM jobs j
            WHERE j.agency_id = $1 AND j.status = 'Queued'
              AND NOT EXISTS (SELECT 1 FROM job_admissions a WHERE a.job_id = j.id)
            ORDER BY j.created_at, j.id
            LIMIT (SELECT free FROM slots)),
        admitted AS (
            INSERT INTO job_admissions (job_id, agency_id, admitted_at) SELECT id, $1, $3 FROM next RETURNING job_id)
        SELECT n.id AS admitted_job FROM next n JOIN admitted a ON a.job_id = n.id ORDER BY n.created_at, n.id
        """;

    /// <summary>Frees <paramref name="jobId"/>'s slot (if it held one) and admits whoever is next.</summary>
    public async Task ReleaseAsync(string agencyId, Guid jobId, CancellationToken ct) =>
        await PublishStartsAsync(agencyId, await AdmitNextAsync(agencyId, release: jobId, ct), self: null, ct);

    /// <summary>
    /// Admits whoever is next. When <paramref name="self"/> (the job whose request is being consumed) is among them, no
    /// <see cref="StartProvisioning"/> is sent to it and true is returned: the caller starts it in the same consume
    /// instead of spending a message hop on telling itself.
    /// </summary>
    public async Task<bool> AdmitAsync(string agencyId, CancellationToken ct, Guid? self = null) =>
        await PublishStartsAsync(agencyId, await AdmitNextAsync(agencyId, release: null, ct), self, ct);

    private async Task<bool> PublishStartsAsync(string agencyId, List<Guid> admitted, Guid? self, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var jobId in admitted.Where(id => id != self))
        {
            await publish.Publish(new StartProvisioning(jobId, agencyId, now), ct);
        }

        return self is { } me && admitted.Contains(me);
    }

    private async Task<List<Guid>> AdmitNextAsync(string agencyId, Guid? release, CancellationToken ct)
    {
        // The decision reads job statuses: what this consume recorded (a retried job back to Queued, a finished one out
        // of Running) must be in the database first. JobRecorder leaves saving to the consume.
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Admissions run inside the saga's consume transaction: the agency lock lasts as long as it.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(Command(LockSql, agencyId));
        if (release is { } released)
        {
            batch.BatchCommands.Add(Command(ReleaseSql, released));
        }

        batch.BatchCommands.Add(Command(AdmitSql, agencyId, options.Value.MaxConcurrentJobsPerAgency, clock.GetUtcNow()));
        var admitted = new List<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
                // The lock's row comes first (a void column); only the admission's rows are job ids.
                if (reader.GetName(0) == "admitted_job")
                {
                    admitted.Add(reader.GetGuid(0));
                }
            }
        }
        while (await reader.NextResultAsync(ct));

        return admitted;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
