using System.Diagnostics;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 1: jobs are submitted over both agencies, then ProvisioningService is SIGKILLed while a job is
/// Running in each GHL step in turn (create-location, wait-for-snapshot, custom-values, users, again…), after a small
/// random delay, and started again each time. What the run measured is returned for the assertions and the report.
/// </summary>
internal sealed partial class CrashScenario(CrashWorld world, Action<string> log)
{
    public static readonly string[] KillSteps = ["create-location", "wait-for-snapshot", "custom-values", "users"];

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
            var (agency, snapshot) = SandboxSeed.AgencyOf(i);
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
        // The full business record: a crash must not lose any of it.
        var intake = ScenarioIntake.Create(name, email, snapshot);
        var business = intake["business"]!.AsObject();
        business["website"] = "https://acme-plumbing.com";
        business["address"] = "1 Main St";
        business["city"] = "Chicago";
        business["state"] = "IL";
        business["postalCode"] = "60601";
        business["industry"] = "Dental";
        business["description"] = "Crash test client.";

        using var request = world.ApiRequest(HttpMethod.Post, "/api/provision", agency);
        var jobId = await ScenarioIntake.SubmitAsync(request, intake, world.SendAsync);
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
}
