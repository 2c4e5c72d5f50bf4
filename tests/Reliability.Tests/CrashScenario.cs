using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 1: jobs are submitted over both agencies, then ProvisioningService is SIGKILLed while a job is
/// Running in each GHL step in turn (create-location, wait-for-snapshot, custom-values, users, again…), after a small
/// random delay, and started again each time. What the run measured is returned for the assertions and the report.
/// </summary>
internal sealed class CrashScenario(CrashWorld world, Action<string> log)
{
    public static readonly string[] KillSteps = ["create-location", "wait-for-snapshot", "custom-values", "users"];
    public static readonly string[] AllSteps = ["choose-snapshot", .. KillSteps];

    private static readonly TimeSpan StepWatchTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan AfterWriteWatchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The steps' ledgers (schema <c>steps</c>, autocommit) record a GHL write before the saga commits the step: a job
    /// Running in the step with such a row is between the write and the commit.
    /// </summary>
    private static readonly Dictionary<string, string> AfterWriteConditions = new(StringComparer.Ordinal)
    {
        ["create-location"] = "EXISTS (SELECT 1 FROM steps.location_create_attempts a WHERE a.job_id = s.job_id AND a.location_id IS NOT NULL)",
        ["custom-values"] = "EXISTS (SELECT 1 FROM steps.custom_value_changes c WHERE c.job_id = s.job_id)",
    };

    public async Task<CrashFigures> RunAsync(int jobs, int kills, TimeSpan finishTimeout, int seed)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        var submitted = new List<SubmittedJob>();
        for (var i = 0; i < jobs; i++)
        {
            var (agency, snapshot) = i % 2 == 0 ? (CrashWorld.NorthStar, CrashWorld.NorthStarDental) : (CrashWorld.Peak, CrashWorld.PeakDental);
            submitted.Add(await SubmitAsync(agency, snapshot, $"Crash {run} {i:00}", $"crash-{run}-{i:00}@reliability.example.com"));
        }

        log($"submitted {jobs} jobs in {clock.Elapsed.TotalSeconds:0.0} s (seed {seed})");

        var landed = new List<KillRecord>();
        long watermark = 0;
        for (var k = 0; k < kills; k++)
        {
            var step = KillSteps[k % KillSteps.Length];

            // Every other round of create-location and custom-values waits for the steps' ledger to show a GHL write
            // the saga has not committed yet (the window where a second location or a lost "previous value" would
            // come from); the other kills land wherever the step is, a random few milliseconds after it was seen.
            var afterWrite = (k / KillSteps.Length) % 2 == 0 && AfterWriteConditions.ContainsKey(step);
            var victim = afterWrite ? await WaitForRunningAsync(step, watermark, AfterWriteConditions[step], AfterWriteWatchTimeout) : null;
            afterWrite &= victim is not null;
            victim ??= await WaitForRunningAsync(step, watermark, "true", StepWatchTimeout);
            if (victim is null)
            {
                log($"kill {k + 1}: no job was seen Running in {step} within {StepWatchTimeout.TotalSeconds:0} s; not killed");
                continue;
            }

            var delay = afterWrite ? 0 : random.Next(0, 40);
            await Task.Delay(delay);
            var pid = world.Provisioning.Pid;
            var exit = await world.Provisioning.KillAsync();
            var at = clock.Elapsed;
            watermark = await LastEventIdAsync();
            await world.StartProvisioningAsync();
            landed.Add(new KillRecord(k + 1, step, afterWrite, victim.Value, pid, exit, at, clock.Elapsed - at));
            log($"kill {k + 1}: SIGKILL pid {pid} (exit {exit}) at {at.TotalSeconds:0.0} s with job {victim} Running in {step} " +
                (afterWrite ? "after a GHL write its ledger shows, before the saga's commit" : $"(+{delay} ms)") +
                $"; restarted and healthy in {(clock.Elapsed - at).TotalSeconds:0.0} s");
        }

        var finished = await WaitForAllFinishedAsync(submitted, finishTimeout);
        clock.Stop();
        var figures = await MeasureAsync(submitted, finished, landed, clock.Elapsed);
        log(figures.ToString());
        return figures;
    }

    private async Task<SubmittedJob> SubmitAsync(string agency, string snapshot, string name, string email)
    {
        var intake = new JsonObject
        {
            ["business"] = new JsonObject
            {
                ["name"] = name,
                ["email"] = email,
                ["phone"] = "(312) 744-5000",
                ["website"] = "https://acme-plumbing.com",
                ["address"] = "1 Main St",
                ["city"] = "Chicago",
                ["state"] = "IL",
                ["postalCode"] = "60601",
                ["country"] = "US",
                ["timezone"] = "America/Chicago",
                ["industry"] = "Dental",
                ["description"] = "Crash test client.",
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

        using var request = world.ApiRequest(HttpMethod.Post, "/api/provision", agency);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = JsonContent.Create(intake);
        using var response = await world.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/provision: {(int)response.StatusCode} {body}");
        var jobId = JsonNode.Parse(body)!["jobId"]!.GetValue<Guid>();
        return new SubmittedJob(jobId, agency, snapshot, name, email);
    }

    /// <summary>
    /// The first job seen with <paramref name="step"/> Running that the current process has worked on (a job event
    /// after <paramref name="watermark"/>, the last event before the previous kill) and that meets
    /// <paramref name="condition"/> (SQL over <c>s</c>, the step row), or null. A step left Running by the killed
    /// process is not enough: the new one may not have picked it up yet.
    /// </summary>
    private async Task<Guid?> WaitForRunningAsync(string step, long watermark, string condition, TimeSpan timeout)
    {
        await using var db = await world.OpenProvisioningDbAsync();
        await using var query = new NpgsqlCommand(
            $"""
            SELECT s.job_id FROM job_steps s
            WHERE s.name = $1 AND s.status = 'Running'
              AND EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = s.job_id AND e.id > $2)
              AND {condition}
            LIMIT 1
            """, db);
        query.Parameters.Add(new NpgsqlParameter { Value = step });
        query.Parameters.Add(new NpgsqlParameter { Value = watermark });
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await query.ExecuteScalarAsync() is Guid jobId)
                {
                    return jobId;
                }
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
            {
                // The steps' ledgers are created on their first use.
            }

            await Task.Delay(2);
        }

        return null;
    }

    private async Task<long> LastEventIdAsync()
    {
        await using var db = await world.OpenProvisioningDbAsync();
        await using var query = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM job_events", db);
        return (long)(await query.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<Guid, (string Status, string? LocationId, string? Error)>> WaitForAllFinishedAsync(
        IReadOnlyList<SubmittedJob> submitted, TimeSpan timeout)
    {
        var ids = submitted.Select(j => j.JobId).ToArray();
        var last = new Dictionary<Guid, (string Status, string? LocationId, string? Error)>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            last.Clear();
            await using (var db = await world.OpenProvisioningDbAsync())
            await using (var query = new NpgsqlCommand("SELECT id, status, location_id, error FROM jobs WHERE id = ANY($1)", db))
            {
                query.Parameters.Add(new NpgsqlParameter { Value = ids });
                await using var reader = await query.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    last[reader.GetGuid(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                }
            }

            if (last.Count == ids.Length && last.Values.All(j => j.Status is "Succeeded" or "Failed" or "Cancelled" or "Compensated"))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                log($"not finished after {timeout.TotalSeconds:0} s: " + string.Join(", ",
                    last.Where(j => j.Value.Status is not ("Succeeded" or "Failed")).Select(j => $"{j.Key} {j.Value.Status}")));
                return last;
            }

            await Task.Delay(250);
        }
    }

    private async Task<CrashFigures> MeasureAsync(
        IReadOnlyList<SubmittedJob> submitted,
        IReadOnlyDictionary<Guid, (string Status, string? LocationId, string? Error)> finished,
        IReadOnlyList<KillRecord> kills,
        TimeSpan elapsed)
    {
        var state = await world.SandboxStateAsync();
        var problems = new List<string>();
        var names = submitted.Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var ourLocations = state.Locations.Where(l => names.Contains(l.Name)).ToList();
        var duplicateLocations = ourLocations.GroupBy(l => l.Name).Sum(g => g.Count() - 1);
        var ourLocationIds = ourLocations.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var emails = submitted.SelectMany(j => new[] { $"ann.{j.Email}", $"bob.{j.Email}" }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ourUsers = state.Users.Where(u => !u.Deleted && emails.Contains(u.Email)).ToList();
        var duplicateUsers = ourUsers.GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Sum(g => g.Count() - 1);
        var duplicateCustomValues = state.CustomValues.Where(v => ourLocationIds.Contains(v.LocationId))
            .GroupBy(v => (v.LocationId, Name: v.Name.ToUpperInvariant())).Sum(g => g.Count() - 1);

        var succeeded = 0;
        foreach (var job in submitted)
        {
            var (status, locationId, error) = finished.TryGetValue(job.JobId, out var f) ? f : ("missing", null, null);
            if (status == "Succeeded")
            {
                succeeded++;
            }
            else
            {
                problems.Add($"job {job.Name} ({job.JobId}) ended {status}: {error}");
            }

            var locations = ourLocations.Where(l => l.Name == job.Name).ToList();
            if (locations.Count != 1)
            {
                problems.Add($"job {job.Name}: {locations.Count} locations in the sandbox ({string.Join(", ", locations.Select(l => l.Id))})");
                continue;
            }

            var location = locations[0];
            if (location.CompanyId != job.Agency || location.SnapshotId != job.Snapshot || location.Id != locationId)
            {
                problems.Add($"job {job.Name}: location {location.Id} of {location.CompanyId} with snapshot {location.SnapshotId}, job says {locationId}");
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

        var jobIds = submitted.Select(j => j.JobId).ToArray();
        var (duplicateStepEvents, missingStepEvents) = await CountStepEventsAsync(jobIds, problems);
        var (adopted, usersFound) = await CountRecoveriesAsync(jobIds);
        return new CrashFigures(
            submitted.Count, kills, succeeded, elapsed, duplicateLocations, duplicateUsers, duplicateCustomValues,
            duplicateStepEvents, missingStepEvents, adopted, usersFound, problems);
    }

    /// <summary>
    /// Evidence that kills landed after a GHL write and before its commit: create-location runs that adopted the
    /// location an interrupted run made, and users steps that found users an interrupted run had created.
    /// </summary>
    private async Task<(int AdoptedLocations, int UsersFoundExisting)> CountRecoveriesAsync(Guid[] jobIds)
    {
        await using var db = await world.OpenProvisioningDbAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE name = 'create-location' AND detail LIKE '%adopted%'),
                   count(*) FILTER (WHERE name = 'users' AND detail NOT LIKE '%, 0 already existed')
            FROM job_steps WHERE job_id = ANY($1)
            """, db);
        query.Parameters.Add(new NpgsqlParameter { Value = jobIds });
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>Each job's job_events must hold exactly one JobStepCompleted per step.</summary>
    private async Task<(int Duplicates, int Missing)> CountStepEventsAsync(Guid[] jobIds, List<string> problems)
    {
        var counts = new Dictionary<(Guid, string), long>();
        await using (var db = await world.OpenProvisioningDbAsync())
        await using (var query = new NpgsqlCommand(
            "SELECT job_id, data->>'step', count(*) FROM job_events WHERE type = 'JobStepCompleted' AND job_id = ANY($1) GROUP BY 1, 2", db))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = jobIds });
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[(reader.GetGuid(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        var duplicates = 0;
        var missing = 0;
        foreach (var jobId in jobIds)
        {
            foreach (var step in AllSteps)
            {
                var count = counts.GetValueOrDefault((jobId, step));
                if (count != 1)
                {
                    problems.Add($"job {jobId}: {count} JobStepCompleted events for {step}");
                    duplicates += (int)Math.Max(0, count - 1);
                    missing += count == 0 ? 1 : 0;
                }
            }
        }

        return (duplicates, missing);
    }

    private sealed record SubmittedJob(Guid JobId, string Agency, string Snapshot, string Name, string Email);
}
