using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>What the databases and the services' output say beyond the jobs' status: audit entries, compensation events, a stuck job's trail.</summary>
internal sealed partial class GhlFaultsScenario
{
    /// <summary>Where a job that did not finish stands: its steps, its last events and what the services logged about it.</summary>
    private async Task<string> DescribeStuckJobAsync(Guid jobId)
    {
        var text = new List<string>();
        await using (var db = await world.OpenProvisioningDbAsync())
        {
            await using (var steps = new NpgsqlCommand(
                "SELECT name, status, attempts, coalesce(error, ''), coalesce(detail, '') FROM job_steps WHERE job_id = $1 ORDER BY ordinal", db))
            {
                steps.Parameters.Add(new NpgsqlParameter { Value = jobId });
                await using var reader = await steps.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.Add($"step {reader.GetString(0)} {reader.GetString(1)} attempts {reader.GetInt32(2)} {reader.GetString(3)} {reader.GetString(4)}");
                }
            }

            await using var events = new NpgsqlCommand(
                "SELECT occurred_at, type, data::text FROM job_events WHERE job_id = $1 ORDER BY id DESC LIMIT 6", db);
            events.Parameters.Add(new NpgsqlParameter { Value = jobId });
            await using var eventReader = await events.ExecuteReaderAsync();
            while (await eventReader.ReadAsync())
            {
                text.Add($"event {eventReader.GetFieldValue<DateTimeOffset>(0):HH:mm:ss.fff} {eventReader.GetString(1)} {eventReader.GetString(2)}");
            }
        }

        text.AddRange(world.Services.Where(s => s.Project == "ProvisioningService")
            .SelectMany(s => s.OutputTail.Split('\n').Where(l => l.Contains(jobId.ToString(), StringComparison.OrdinalIgnoreCase)).TakeLast(10)));
        return string.Join("\n      ", text);
    }

    /// <summary>
    /// Each JobStepCompleted in <c>job_events</c> must reach the audit log exactly once (the audit's message-id check
    /// absorbs redeliveries and a second instance). The audit lags a little behind, so this waits up to a minute.
    /// </summary>
    private async Task<(int Duplicates, int Missing)> CompareAuditAsync(
        Guid[] jobIds, Dictionary<(Guid JobId, string Step), long> expected, List<string> problems)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var audit = new Dictionary<(Guid, string), long>();
        while (true)
        {
            audit.Clear();
            await using (var db = await world.OpenAuditDbAsync())
            await using (var query = new NpgsqlCommand(
                """
                SELECT job_id, payload->>'step', count(*) FROM audit_entries
                WHERE message_type = 'Provisioner.Contracts.Provisioning.JobStepCompleted' AND job_id = ANY($1)
                GROUP BY 1, 2
                """, db))
            {
                query.Parameters.Add(new NpgsqlParameter { Value = jobIds.Select(j => j.ToString("D")).ToArray() });
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    audit[(Guid.Parse(reader.GetString(0)), reader.GetString(1))] = reader.GetInt64(2);
                }
            }

            var missing = expected.Where(e => audit.GetValueOrDefault(e.Key) < e.Value).ToList();
            if (missing.Count == 0 || DateTime.UtcNow > deadline)
            {
                var duplicates = audit.Where(a => a.Value > expected.GetValueOrDefault(a.Key)).ToList();
                problems.AddRange(missing.Select(m => $"audit: {audit.GetValueOrDefault(m.Key)} JobStepCompleted for {m.Key.Item1} {m.Key.Item2}, job_events has {m.Value}"));
                problems.AddRange(duplicates.Select(d => $"audit: {d.Value} JobStepCompleted for {d.Key.Item1} {d.Key.Item2}, job_events has {expected.GetValueOrDefault(d.Key)}"));
                return ((int)duplicates.Sum(d => d.Value - expected.GetValueOrDefault(d.Key)), missing.Count);
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The failed jobs with a Compensated job event that lists both what was undone and what was not.</summary>
    private async Task<HashSet<Guid>> CompensationEventsAsync(Guid[] jobIds)
    {
        var recorded = new HashSet<Guid>();
        await using var db = await world.OpenProvisioningDbAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT job_id FROM job_events
            WHERE type = 'Compensated' AND job_id = ANY($1)
              AND jsonb_typeof(data->'undone') = 'array' AND jsonb_typeof(data->'notUndone') = 'array'
            """, db);
        query.Parameters.Add(new NpgsqlParameter { Value = jobIds });
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            recorded.Add(reader.GetGuid(0));
        }

        return recorded;
    }
}
