using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>One run of <see cref="GhlFaultsScenario"/>.</summary>
internal sealed record GhlFaultsPlan
{
    public required int Jobs { get; init; }

    /// <summary>Cycle the sandbox's fault rules (429 bursts, 20 % 5xx, 5 s latency spikes) while jobs run.</summary>
    public bool Faults { get; init; }

    /// <summary>Revoke every token (the refresh token too) of this agency once one of its jobs has succeeded.</summary>
    public string? RevokeAgency { get; init; }

    /// <summary>SIGKILL instance 1 of each service once jobs are running, and start it again (scale-out only).</summary>
    public bool KillOneInstanceOfEach { get; init; }

    /// <summary>Every job must be terminal within this bound after the last submission.</summary>
    public required TimeSpan FinishTimeout { get; init; }

    public string Label { get; init; } = "faults";
}

/// <summary>
/// Issue 11, scenario 4 (and the job part of scenario 5): jobs over both agencies, submitted round-robin to every
/// ProvisioningService instance, while GhlSandbox injects 429 bursts, 20 % 5xx and 5 s latency spikes, access tokens
/// expire (the world's short <c>AccessTokenLifetime</c>) and one agency's tokens — its refresh token included — are
/// revoked mid-run. Then every Failed job is cancelled as an operator would, which runs its compensation. What was
/// measured is returned; the tests assert on it.
/// </summary>
internal sealed partial class GhlFaultsScenario(ScaleOutWorld world, Action<string> log)
{
    public static readonly string[] AllSteps = ["choose-snapshot", "create-location", "wait-for-snapshot", "custom-values", "users"];

    private static readonly TimeSpan FaultCycle = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan CompensationTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Terminal = ["Succeeded", "Failed", "Cancelled", "Compensated"];

    public async Task<GhlFaultsFigures> RunAsync(GhlFaultsPlan plan)
    {
        var clock = Stopwatch.StartNew();
        var journalStart = (await world.JournalAsync()).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        var run = Guid.NewGuid().ToString("N")[..8];
        using var stop = new CancellationTokenSource();
        var faults = plan.Faults ? Task.Run(() => DriveFaultsAsync(stop.Token)) : Task.CompletedTask;

        var submitted = new List<SubmittedJob>();
        for (var i = 0; i < plan.Jobs; i++)
        {
            var (agency, snapshot) = i % 2 == 0 ? (CrashWorld.NorthStar, CrashWorld.NorthStarDental) : (CrashWorld.Peak, CrashWorld.PeakDental);
            submitted.Add(await SubmitAsync(i % world.Options.Instances, agency, snapshot, $"{plan.Label} {run} {i:00}", $"{plan.Label.Replace(' ', '-')}-{run}-{i:00}@reliability.example.com"));
        }

        log($"[{plan.Label}] submitted {plan.Jobs} jobs to {world.Options.Instances} instance(s) in {clock.Elapsed.TotalSeconds:0.0} s");
        var submittedAt = clock.Elapsed;
        var ids = submitted.Select(j => j.JobId).ToArray();

        var side = new List<Task>();
        var revokedAt = (TimeSpan?)null;
        if (plan.RevokeAgency is { } victim)
        {
            side.Add(Task.Run(async () =>
            {
                await WaitUntilAsync(ids, "status = 'Succeeded' AND agency_id = '" + victim + "'", TimeSpan.FromMinutes(3));
                var revoked = await world.RevokeTokensAsync(victim);
                revokedAt = clock.Elapsed;
                log($"[{plan.Label}] revoked {revoked} tokens of {victim} (refresh tokens included) at {revokedAt.Value.TotalSeconds:0.0} s");
            }));
        }

        var kills = new List<string>();
        if (plan.KillOneInstanceOfEach)
        {
            side.Add(Task.Run(async () =>
            {
                await WaitUntilAsync(ids, "status = 'Running'", TimeSpan.FromMinutes(3));
                foreach (var project in new[] { "ProvisioningService", "AuthService", "AuditService" }.Where(p => world.Options.WithAudit || p != "AuditService"))
                {
                    var exit = await world.KillAsync(project, 1);
                    var at = clock.Elapsed;
                    await world.RestartAsync(project, 1);
                    var line = $"{project}#1 SIGKILLed (exit {exit}) at {at.TotalSeconds:0.0} s, healthy again after {(clock.Elapsed - at).TotalSeconds:0.0} s";
                    lock (kills)
                    {
                        kills.Add(line);
                    }

                    log($"[{plan.Label}] {line}");
                }
            }));
        }

        var finished = await WaitForTerminalAsync(ids, plan.FinishTimeout);
        var allTerminalAt = clock.Elapsed;
        await Task.WhenAll(side);
        await stop.CancelAsync();
        await faults;
        await world.SetFaultsAsync([]);

        // An operator cancels each failed job: that runs its compensation (a Failed job stays retryable until then).
        var failed = finished.Where(j => j.Value.Status == "Failed").Select(j => j.Key).ToList();
        foreach (var jobId in failed)
        {
            var job = submitted.Single(j => j.JobId == jobId);
            using var cancel = world.ApiRequest(0, HttpMethod.Post, $"/api/jobs/{jobId}/cancel", job.Agency);
            using var answer = await world.SendAsync(cancel);
            Assert.True(answer.IsSuccessStatusCode, $"cancel {jobId}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        var afterCancel = failed.Count == 0 ? [] : await WaitForCompensationAsync(failed.ToArray(), CompensationTimeout);
        clock.Stop();
        var figures = await MeasureAsync(plan, submitted, finished, afterCancel, journalStart, submittedAt, allTerminalAt, clock.Elapsed, revokedAt, kills);
        log(figures.ToString());
        return figures;
    }

    /// <summary>
    /// Every other <see cref="FaultCycle"/>: a burst of three 429s (with GHL's <c>X-RateLimit-Remaining: 0</c>) on
    /// whatever comes next; every third cycle three 5 s latency spikes; under them 20 % of every GHL call answered 500
    /// or 503.
    /// The sandbox applies the first matching rule, so the rules are replaced in this order each cycle.
    /// </summary>
    private async Task DriveFaultsAsync(CancellationToken ct)
    {
        for (var cycle = 0; !ct.IsCancellationRequested; cycle++)
        {
            var rules = new List<object>();
            if (cycle % 2 == 0)
            {
                rules.Add(new { path = "*", status = 429, count = 3 });
            }

            if (cycle % 3 == 1)
            {
                rules.Add(new { path = "*", latencyMs = 5000, count = 3 });
            }

            rules.Add(new { path = "*", status = cycle % 2 == 0 ? 500 : 503, rate = 0.2 });
            try
            {
                await world.SetFaultsAsync(rules);
                await Task.Delay(FaultCycle, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<SubmittedJob> SubmitAsync(int instance, string agency, string snapshot, string name, string email)
    {
        var intake = new JsonObject
        {
            ["business"] = new JsonObject
            {
                ["name"] = name,
                ["email"] = email,
                ["phone"] = "(312) 744-5000",
                ["country"] = "US",
                ["timezone"] = "America/Chicago",
            },
            ["snapshotId"] = snapshot,
            ["customValues"] = new JsonObject
            {
                ["Booking Link"] = "https://acme-plumbing.com/book",
                ["Greeting"] = "Welcome to {{business.name}}",
            },
            ["users"] = new JsonArray
            {
                new JsonObject { ["firstName"] = "Ann", ["lastName"] = "Lee", ["email"] = $"ann.{email}", ["role"] = "admin" },
                new JsonObject { ["firstName"] = "Bob", ["lastName"] = "Ray", ["email"] = $"bob.{email}", ["role"] = "user" },
            },
        };

        using var request = world.ApiRequest(instance, HttpMethod.Post, "/api/provision", agency);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = JsonContent.Create(intake);
        using var response = await world.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/provision: {(int)response.StatusCode} {body}");
        return new SubmittedJob(JsonNode.Parse(body)!["jobId"]!.GetValue<Guid>(), agency, snapshot, name, email);
    }

    /// <summary>Waits until at least one of the jobs meets <paramref name="condition"/> (SQL over <c>jobs</c>), or the timeout.</summary>
    private async Task WaitUntilAsync(Guid[] ids, string condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await world.OpenProvisioningDbAsync();
            await using var query = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM jobs WHERE id = ANY($1) AND {condition})", db);
            query.Parameters.Add(new NpgsqlParameter { Value = ids });
            if ((bool)(await query.ExecuteScalarAsync())!)
            {
                return;
            }

            await Task.Delay(100);
        }

        log($"condition not met within {timeout.TotalSeconds:0} s: {condition}; going on");
    }

    private async Task<Dictionary<Guid, JobRow>> ReadJobsAsync(Guid[] ids)
    {
        var jobs = new Dictionary<Guid, JobRow>();
        await using var db = await world.OpenProvisioningDbAsync();
        await using var query = new NpgsqlCommand(
            "SELECT id, status, location_id, error, compensation_outstanding FROM jobs WHERE id = ANY($1)", db);
        query.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            jobs[reader.GetGuid(0)] = new JobRow(
                reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetValue(4).ToString());
        }

        return jobs;
    }

    private async Task<Dictionary<Guid, JobRow>> WaitForTerminalAsync(Guid[] ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var jobs = await ReadJobsAsync(ids);
            if (jobs.Count == ids.Length && jobs.Values.All(j => Terminal.Contains(j.Status)))
            {
                return jobs;
            }

            if (DateTime.UtcNow > deadline)
            {
                log("not terminal after " + $"{timeout.TotalSeconds:0} s: " + string.Join(", ",
                    jobs.Where(j => !Terminal.Contains(j.Value.Status)).Select(j => $"{j.Key} {j.Value.Status}")));
                return jobs;
            }

            await Task.Delay(250);
        }
    }

    private async Task<Dictionary<Guid, JobRow>> WaitForCompensationAsync(Guid[] ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var jobs = await ReadJobsAsync(ids);
            if (jobs.Values.All(j => j.Status is "Compensated" or "Cancelled") || DateTime.UtcNow > deadline)
            {
                return jobs;
            }

            await Task.Delay(250);
        }
    }

    private async Task<GhlFaultsFigures> MeasureAsync(
        GhlFaultsPlan plan,
        IReadOnlyList<SubmittedJob> submitted,
        IReadOnlyDictionary<Guid, JobRow> finished,
        IReadOnlyDictionary<Guid, JobRow> afterCancel,
        long journalStart,
        TimeSpan submittedAt,
        TimeSpan allTerminalAt,
        TimeSpan elapsed,
        TimeSpan? revokedAt,
        IReadOnlyList<string> kills)
    {
        var problems = new List<string>();
        var state = await world.SandboxStateAsync();
        var names = submitted.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var ourLocations = state.Locations.Where(l => names.Contains(l.Name)).ToList();
        var duplicateLocations = ourLocations.GroupBy(l => l.Name).Sum(g => g.Count() - 1);
        var ourLocationIds = ourLocations.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var emails = submitted.SelectMany(j => new[] { $"ann.{j.Email}", $"bob.{j.Email}" }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ourUsers = state.Users.Where(u => !u.Deleted && emails.Contains(u.Email)).ToList();
        var duplicateUsers = ourUsers.GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Sum(g => g.Count() - 1);
        var duplicateCustomValues = state.CustomValues.Where(v => ourLocationIds.Contains(v.LocationId))
            .GroupBy(v => (v.LocationId, Name: v.Name.ToUpperInvariant())).Sum(g => g.Count() - 1);

        var outcomes = new List<JobOutcome>();
        foreach (var job in submitted)
        {
            var row = finished.TryGetValue(job.JobId, out var f) ? f : new JobRow("missing", null, null, null);
            var end = afterCancel.TryGetValue(job.JobId, out var c) ? c : null;
            outcomes.Add(new JobOutcome(job.JobId, job.Agency, row.Status, row.Error, end?.Status, end?.CompensationOutstanding));
            if (!Terminal.Contains(row.Status))
            {
                problems.Add($"job {job.Name} ({job.JobId}) is {row.Status}, not terminal within {plan.FinishTimeout.TotalSeconds:0} s; " +
                    await DescribeStuckJobAsync(job.JobId));
                continue;
            }

            if (row.Status == "Succeeded")
            {
                CheckSucceeded(job, row, state, ourLocations, ourUsers, problems);
            }
            else if (row.Status == "Failed")
            {
                CheckFailed(job, row, end, problems);
            }
            else
            {
                problems.Add($"job {job.Name} ({job.JobId}) ended {row.Status} without anyone cancelling it");
            }
        }

        var jobIds = submitted.Select(j => j.JobId).ToArray();
        var succeededIds = outcomes.Where(o => o.Status == "Succeeded").Select(o => o.JobId).ToHashSet();
        var stepEvents = await StepEventCountsAsync(jobIds);
        var duplicateStepEvents = stepEvents.Values.Sum(n => (int)Math.Max(0, n - 1));
        foreach (var jobId in succeededIds)
        {
            foreach (var step in AllSteps.Where(s => stepEvents.GetValueOrDefault((jobId, s)) != 1))
            {
                problems.Add($"job {jobId}: {stepEvents.GetValueOrDefault((jobId, step))} JobStepCompleted events for {step}");
            }
        }

        var (auditDuplicates, auditMissing) = world.Options.WithAudit ? await CompareAuditAsync(jobIds, stepEvents, problems) : (0, 0);
        var compensationRecorded = await CompensationEventsAsync(outcomes.Where(o => o.Status == "Failed").Select(o => o.JobId).ToArray());
        foreach (var outcome in outcomes.Where(o => o.Status == "Failed" && o.AfterCancel == "Compensated" && !compensationRecorded.Contains(o.JobId)))
        {
            problems.Add($"job {outcome.JobId}: Compensated without a Compensated event listing undone/notUndone");
        }

        var journal = (await world.JournalAsync(journalStart)).ToList();
        foreach (var problem in problems)
        {
            log("  problem: " + problem);
        }

        return new GhlFaultsFigures(
            plan.Label, outcomes, submittedAt, allTerminalAt - submittedAt, elapsed, revokedAt, kills,
            duplicateLocations, duplicateUsers, duplicateCustomValues, duplicateStepEvents, auditDuplicates, auditMissing,
            journal.Count,
            journal.Count(e => e.Fault?.StartsWith("status:429", StringComparison.Ordinal) == true),
            journal.Count(e => e.Fault?.StartsWith("status:5", StringComparison.Ordinal) == true),
            journal.Count(e => e.DurationMs >= 4900),
            journal.Count(e => e.Status == 429 && e.Fault is null),
            journal.Count(e => e.Status == 401),
            journal.Count(e => e.Path.StartsWith("/oauth/token", StringComparison.Ordinal) && e.Status == 200),
            journal.Count(e => e.Path.StartsWith("/oauth/token", StringComparison.Ordinal) && e.Status is 400 or 401),
            problems);
    }

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

    private static void CheckSucceeded(
        SubmittedJob job, JobRow row, SandboxState state, List<SandboxLocation> ourLocations, List<SandboxUser> ourUsers, List<string> problems)
    {
        var locations = ourLocations.Where(l => l.Name == job.Name).ToList();
        if (locations.Count != 1)
        {
            problems.Add($"job {job.Name}: Succeeded with {locations.Count} locations in the sandbox");
            return;
        }

        var location = locations[0];
        if (location.CompanyId != job.Agency || location.SnapshotId != job.Snapshot || location.Id != row.LocationId)
        {
            problems.Add($"job {job.Name}: location {location.Id} of {location.CompanyId} with snapshot {location.SnapshotId}, job says {row.LocationId}");
        }

        var values = state.CustomValues.Where(v => v.LocationId == location.Id).ToList();
        if (!values.Any(v => v.Name == "Booking Link" && v.Value == "https://acme-plumbing.com/book")
            || !values.Any(v => v.Name == "Greeting" && v.Value == $"Welcome to {job.Name}"))
        {
            problems.Add($"job {job.Name}: custom values not set at {location.Id}");
        }

        var users = ourUsers.Where(u => u.LocationIds.Contains(location.Id)).Select(u => u.Email).Order(StringComparer.Ordinal).ToList();
        if (!users.SequenceEqual([$"ann.{job.Email}", $"bob.{job.Email}"], StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"job {job.Name}: users at {location.Id} are [{string.Join(", ", users)}]");
        }
    }

    /// <summary>
    /// A failed job's error must say where and what: "{step}: " and GHL's status and message, the agency's lost
    /// connection, or the step's own sentence. After the cancel it must end Compensated with what could not be undone
    /// listed (GHL always refuses the location deletion to apps), or Cancelled when it had created nothing.
    /// </summary>
    private static void CheckFailed(SubmittedJob job, JobRow row, JobRow? end, List<string> problems)
    {
        if (row.Error is null || !PreciseError().IsMatch(row.Error))
        {
            problems.Add($"job {job.Name} ({job.JobId}) Failed without a precise error: '{row.Error}'");
        }

        if (end is null || end.Status is not ("Compensated" or "Cancelled"))
        {
            problems.Add($"job {job.Name} ({job.JobId}) Failed, then cancelled: ended {end?.Status ?? "missing"}, not Compensated/Cancelled");
        }
        else if (row.LocationId is not null && (end.Status != "Compensated" || string.IsNullOrEmpty(end.CompensationOutstanding)))
        {
            problems.Add($"job {job.Name} ({job.JobId}) had location {row.LocationId}: ended {end.Status} with notUndone '{end.CompensationOutstanding}'");
        }
    }

    /// <summary>A step name, then at least a short sentence (GHL's status and message, or the step's own words).</summary>
    [GeneratedRegex("^(choose-snapshot|create-location|wait-for-snapshot|custom-values|users): .{12,}", RegexOptions.Singleline)]
    private static partial Regex PreciseError();

    private async Task<Dictionary<(Guid, string), long>> StepEventCountsAsync(Guid[] jobIds)
    {
        var counts = new Dictionary<(Guid, string), long>();
        await using var db = await world.OpenProvisioningDbAsync();
        await using var query = new NpgsqlCommand(
            "SELECT job_id, data->>'step', count(*) FROM job_events WHERE type = 'JobStepCompleted' AND job_id = ANY($1) GROUP BY 1, 2", db);
        query.Parameters.Add(new NpgsqlParameter { Value = jobIds });
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[(reader.GetGuid(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return counts;
    }

    /// <summary>
    /// Each JobStepCompleted in <c>job_events</c> must reach the audit log exactly once (the audit's message-id check
    /// absorbs redeliveries and a second instance). The audit lags a little behind, so this waits up to a minute.
    /// </summary>
    private async Task<(int Duplicates, int Missing)> CompareAuditAsync(
        Guid[] jobIds, Dictionary<(Guid, string), long> expected, List<string> problems)
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

    private sealed record SubmittedJob(Guid JobId, string Agency, string Snapshot, string Name, string Email);

    private sealed record JobRow(string Status, string? LocationId, string? Error, string? CompensationOutstanding);
}

/// <summary>One job's end: its terminal status and error, and after the operator's cancel (failed jobs only) where it ended.</summary>
internal sealed record JobOutcome(Guid JobId, string Agency, string Status, string? Error, string? AfterCancel, string? NotUndone);
