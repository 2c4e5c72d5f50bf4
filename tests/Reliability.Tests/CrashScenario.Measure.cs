using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>The end of a crash run: every job finished, then what the sandbox and the job's records say about it.</summary>
internal sealed partial class CrashScenario
{
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
        var sandbox = new SandboxExpectations(await world.SandboxStateAsync(), submitted);
        var problems = new List<string>();

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

            // Every job, not only the succeeded ones: each must have its one location, values and users.
            sandbox.CheckProvisioned(job, locationId, problems);
        }

        var jobIds = submitted.Select(j => j.JobId).ToArray();
        var (duplicateStepEvents, missingStepEvents) = await CountStepEventsAsync(jobIds, problems);
        var (adopted, usersFound) = await CountRecoveriesAsync(jobIds);
        return new CrashFigures(
            submitted.Count, kills, succeeded, elapsed, sandbox.DuplicateLocations, sandbox.DuplicateUsers, sandbox.DuplicateCustomValues,
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
        Dictionary<(Guid JobId, string Step), long> counts;
        await using (var db = await world.OpenProvisioningDbAsync())
        {
            counts = await JobStepEvents.CountCompletedAsync(db, jobIds);
        }

        var duplicates = 0;
        var missing = 0;
        foreach (var jobId in jobIds)
        {
            foreach (var step in JobStepEvents.AllSteps)
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
}
