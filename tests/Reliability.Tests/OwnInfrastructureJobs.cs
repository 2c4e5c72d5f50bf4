using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Jobs for the outage scenarios: submitted over both agencies, watched until they finish, then checked end to end —
/// job status, one <c>JobStepCompleted</c> per step in <c>job_events</c> and in the audit log, one location per job
/// in the sandbox, and both outboxes drained.
/// </summary>
internal sealed class OwnInfrastructureJobs(OwnInfrastructureWorld world)
{
    private const string StepCompletedType = "Provisioner.Contracts.Provisioning.JobStepCompleted";
    private const string SucceededType = "Provisioner.Contracts.Provisioning.ProvisioningSucceeded";

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<Job> _jobs = [];

    public IReadOnlyList<Job> Submitted => _jobs;

    public sealed record Job(Guid JobId, string Agency, string Name);

    /// <summary>Submits one job (agencies alternate); returns the response's status code and body (202 when accepted).</summary>
    public async Task<(HttpStatusCode Status, string Body)> TrySubmitAsync()
    {
        var i = _jobs.Count;
        var (agency, snapshot) = i % 2 == 0 ? (CrashWorld.NorthStar, CrashWorld.NorthStarDental) : (CrashWorld.Peak, CrashWorld.PeakDental);
        var name = $"Outage {_run} {i:00}";
        var email = $"outage-{_run}-{i:00}@reliability.example.com";
        var intake = new JsonObject
        {
            ["business"] = new JsonObject
            {
                ["name"] = name,
                ["email"] = email,
                ["phone"] = "(312) 744-5000",
                ["country"] = "US",
                ["timezone"] = "America/Chicago",
                ["industry"] = "Dental",
            },
            ["snapshotId"] = snapshot,
            ["customValues"] = new JsonObject { ["Greeting"] = "Welcome to {{business.name}}" },
            ["users"] = new JsonArray
            {
                new JsonObject { ["firstName"] = "Ann", ["lastName"] = "Lee", ["email"] = $"ann.{email}", ["role"] = "admin" },
            },
        };

        using var request = world.ApiRequest(world.Provisioning, HttpMethod.Post, "/api/provision", agency);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = JsonContent.Create(intake);
        using var response = await world.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            _jobs.Add(new Job(JsonNode.Parse(body)!["jobId"]!.GetValue<Guid>(), agency, name));
        }

        return (response.StatusCode, body);
    }

    public async Task SubmitAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (status, body) = await TrySubmitAsync();
            Assert.True(status == HttpStatusCode.Accepted, $"POST /api/provision: {(int)status} {body}");
        }
    }

    /// <summary>Waits until some job has completed <paramref name="step"/> and is not finished: the middle of a run.</summary>
    public async Task WaitForMidRunAsync(string step, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await OwnInfrastructureWorld.OpenAsync(world.ProvisioningConnectionString);
            await using var query = new NpgsqlCommand(
                """
                SELECT count(*) FROM jobs j
                WHERE j.id = ANY($1) AND j.status = 'Running'
                  AND EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = j.id AND e.type = 'JobStepCompleted' AND e.data->>'step' = $2)
                """, db);
            query.Parameters.Add(new NpgsqlParameter { Value = _jobs.Select(j => j.JobId).ToArray() });
            query.Parameters.Add(new NpgsqlParameter { Value = step });
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No job was Running past {step} within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Job id → status, once every job is final or <paramref name="timeout"/> has passed.</summary>
    public async Task<Dictionary<Guid, string>> WaitForAllFinishedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var statuses = new Dictionary<Guid, string>();
            try
            {
                await using var db = await OwnInfrastructureWorld.OpenAsync(world.ProvisioningConnectionString);
                await using var query = new NpgsqlCommand("SELECT id, status FROM jobs WHERE id = ANY($1)", db);
                query.Parameters.Add(new NpgsqlParameter { Value = _jobs.Select(j => j.JobId).ToArray() });
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    statuses[reader.GetGuid(0)] = reader.GetString(1);
                }
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                // The database may be on its way back.
            }

            var done = statuses.Count == _jobs.Count
                && statuses.Values.All(s => s is "Succeeded" or "Failed" or "Cancelled" or "Compensated");
            if (done || DateTime.UtcNow > deadline)
            {
                return statuses;
            }

            await Task.Delay(250);
        }
    }

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
            foreach (var step in CrashScenario.AllSteps)
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

    public sealed record Backlog(long ProvisioningMessages, long ProvisioningUndelivered, long AuthMessages, long AuthUndelivered)
    {
        public long Waiting => ProvisioningMessages + ProvisioningUndelivered + AuthMessages + AuthUndelivered;

        public override string ToString() =>
            $"provisioning {ProvisioningMessages} messages / {ProvisioningUndelivered} undelivered, auth {AuthMessages} / {AuthUndelivered}";
    }

    /// <summary>The end-to-end figures of a run.</summary>
    public sealed record Outcome(
        int Jobs,
        int Succeeded,
        int DuplicateStepEvents,
        int MissingStepEvents,
        int DuplicateAuditStepEvents,
        int MissingAuditStepEvents,
        long AuditSucceededEvents,
        int DuplicateLocations,
        Backlog Outboxes,
        IReadOnlyList<string> Problems)
    {
        public int Lost => Jobs - Succeeded;

        public override string ToString()
        {
            var text = new StringBuilder()
                .Append($"jobs {Jobs}, succeeded {Succeeded}, lost {Lost}; JobStepCompleted in job_events: {DuplicateStepEvents} duplicate, ")
                .Append($"{MissingStepEvents} missing; in the audit log: {DuplicateAuditStepEvents} duplicate, {MissingAuditStepEvents} missing, ")
                .Append($"{AuditSucceededEvents} ProvisioningSucceeded; duplicate locations {DuplicateLocations}; outboxes: {Outboxes}");
            foreach (var problem in Problems)
            {
                text.Append("\n  problem: ").Append(problem);
            }

            return text.ToString();
        }
    }
}
