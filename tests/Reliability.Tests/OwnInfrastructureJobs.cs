using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Jobs for the outage scenarios: submitted over both agencies, watched until they finish, then checked end to end —
/// job status, one <c>JobStepCompleted</c> per step in <c>job_events</c> and in the audit log, one location per job
/// in the sandbox, and both outboxes drained.
/// </summary>
internal sealed partial class OwnInfrastructureJobs(OwnInfrastructureWorld world)
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
        var (agency, snapshot) = SandboxSeed.AgencyOf(i);
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
}
