using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>The saga's steps and the <c>JobStepCompleted</c> events ProvisioningService records for them in <c>job_events</c>.</summary>
internal static class JobStepEvents
{
    public static readonly string[] AllSteps = ["choose-snapshot", "create-location", "wait-for-snapshot", "custom-values", "users"];

    /// <summary>(job, step) → how many <c>JobStepCompleted</c> events <c>job_events</c> holds; absent means none.</summary>
    public static async Task<Dictionary<(Guid JobId, string Step), long>> CountCompletedAsync(NpgsqlConnection db, Guid[] jobIds)
    {
        var counts = new Dictionary<(Guid, string), long>();
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
}
