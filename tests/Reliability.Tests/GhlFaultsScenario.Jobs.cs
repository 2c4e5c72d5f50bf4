using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>The scenario's view of its jobs: ProvisioningService's <c>jobs</c> table, polled until a condition holds.</summary>
internal sealed partial class GhlFaultsScenario
{
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

    private sealed record JobRow(string Status, string? LocationId, string? Error, string? CompensationOutstanding);
}
