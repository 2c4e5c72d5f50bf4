using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>The end-to-end checks once the jobs finished: job events, the audit log, the sandbox, the outboxes.</summary>
internal sealed partial class OwnInfrastructureJobs
{
    /// <summary>
    /// Everything that must hold once the jobs finished; the audit log and the outboxes may trail the jobs a little, so
    /// they are read until they are complete or <paramref name="settle"/> has passed.
    /// </summary>
    public async Task<Outcome> MeasureAsync(IReadOnlyDictionary<Guid, string> statuses, TimeSpan settle)
    {
        var problems = new List<string>();
        var ids = _jobs.Select(j => j.JobId).ToArray();
        var succeeded = _jobs.Count(j => statuses.GetValueOrDefault(j.JobId) == "Succeeded");
        foreach (var job in _jobs.Where(j => statuses.GetValueOrDefault(j.JobId) != "Succeeded"))
        {
            problems.Add($"job {job.Name} ({job.JobId}) ended {statuses.GetValueOrDefault(job.JobId, "missing")}: " +
                await ScalarTextAsync(world.ProvisioningConnectionString, "SELECT coalesce(error, '-') FROM jobs WHERE id = $1", job.JobId));
        }

        var (eventDuplicates, eventMissing) = Compare("job_events", await StepCountsAsync(world.ProvisioningConnectionString,
            "SELECT job_id::text, data->>'step', count(*) FROM job_events WHERE type = 'JobStepCompleted' AND job_id = ANY($1) GROUP BY 1, 2",
            ids), problems, report: true);

        var deadline = DateTime.UtcNow + settle;
        (int Duplicates, int Missing) audit;
        long auditSucceeded;
        Backlog backlog;
        while (true)
        {
            var auditCounts = await StepCountsAsync(world.AuditConnectionString,
                $"SELECT job_id, payload->>'step', count(*) FROM audit_entries WHERE message_type = '{StepCompletedType}' AND job_id = ANY($1) GROUP BY 1, 2",
                ids.Select(i => i.ToString()).ToArray());
            auditSucceeded = await ScalarAsync(world.AuditConnectionString,
                $"SELECT count(*) FROM audit_entries WHERE message_type = '{SucceededType}' AND job_id = ANY($1)", ids.Select(i => i.ToString()).ToArray());
            backlog = await BacklogAsync();
            var settled = DateTime.UtcNow > deadline;
            audit = Compare("audit", auditCounts, problems, report: settled);
            if (settled || (audit == (0, 0) && auditSucceeded == succeeded && backlog.Waiting == 0))
            {
                break;
            }

            await Task.Delay(500);
        }

        if (backlog.Waiting != 0)
        {
            problems.Add($"outboxes not drained: {backlog}");
        }

        var state = await world.SandboxStateAsync();
        var names = _jobs.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var locations = state.Locations.Where(l => names.Contains(l.Name)).GroupBy(l => l.Name).ToDictionary(g => g.Key, g => g.Count());
        var duplicateLocations = locations.Values.Sum(c => c - 1);
        foreach (var job in _jobs.Where(j => locations.GetValueOrDefault(j.Name) != 1))
        {
            problems.Add($"job {job.Name}: {locations.GetValueOrDefault(job.Name)} locations in the sandbox");
        }

        return new Outcome(_jobs.Count, succeeded, eventDuplicates, eventMissing, audit.Duplicates, audit.Missing,
            auditSucceeded, duplicateLocations, backlog, problems);
    }

    private (int Duplicates, int Missing) Compare(string where, Dictionary<(string, string), long> counts, List<string> problems, bool report)
    {
        var duplicates = 0;
        var missing = 0;
        foreach (var job in _jobs)
        {
            foreach (var step in JobStepEvents.AllSteps)
            {
                var count = counts.GetValueOrDefault((job.JobId.ToString(), step));
                duplicates += (int)Math.Max(0, count - 1);
                missing += count == 0 ? 1 : 0;
                if (count != 1 && report)
                {
                    problems.Add($"{where}: job {job.Name} has {count} JobStepCompleted for {step}");
                }
            }
        }

        return (duplicates, missing);
    }

    private static async Task<Dictionary<(string, string), long>> StepCountsAsync<T>(string connectionString, string sql, T[] ids)
    {
        var counts = new Dictionary<(string, string), long>();
        await using var db = await OwnInfrastructureWorld.OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(sql, db);
        query.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[(reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1))] = reader.GetInt64(2);
        }

        return counts;
    }

    private static async Task<string?> ScalarTextAsync(string connectionString, string sql, Guid id)
    {
        await using var db = await OwnInfrastructureWorld.OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(sql, db);
        query.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await query.ExecuteScalarAsync())?.ToString();
    }

    private static async Task<long> ScalarAsync<T>(string connectionString, string sql, T[] ids)
    {
        await using var db = await OwnInfrastructureWorld.OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(sql, db);
        query.Parameters.Add(new NpgsqlParameter { Value = ids });
        return (long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>What waits in the Messaging outboxes of ProvisioningService and AuthService (the definition of its health check).</summary>
    private async Task<Backlog> BacklogAsync()
    {
        const string Sql =
            """
            SELECT (SELECT count(*) FROM messaging.outbox_message),
                   (SELECT count(*) FROM messaging.outbox_state WHERE delivered IS NULL)
                 + (SELECT count(*) FROM messaging.inbox_state WHERE consumed IS NOT NULL AND delivered IS NULL)
            """;
        var result = new List<long>();
        foreach (var connectionString in new[] { world.ProvisioningConnectionString, world.AuthConnectionString })
        {
            await using var db = await OwnInfrastructureWorld.OpenAsync(connectionString);
            await using var query = new NpgsqlCommand(Sql, db);
            await using var reader = await query.ExecuteReaderAsync();
            await reader.ReadAsync();
            result.Add(reader.GetInt64(0));
            result.Add(reader.GetInt64(1));
        }

        return new Backlog(result[0], result[1], result[2], result[3]);
    }
}
