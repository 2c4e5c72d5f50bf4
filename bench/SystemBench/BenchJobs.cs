using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Bench.SystemBench;

/// <summary>The two agencies GhlSandbox seeds, each with a snapshot of its own.</summary>
internal static class Agencies
{
    public static readonly (string Id, string Snapshot)[] Seeded =
    [
        ("Gx7pQ2rT9vLm4KdW8sHa", "OhbVrpoiVgRV5IfLBcbf"), // NorthStar, "Dental Practice Growth Engine"
        ("Hk2mW8cV5nB1xZ4qR6tY", "6g3Ot1OGMmjxWkI9X7H6"), // Peak, "Smile Bright Dental Snapshot v3"
    ];
}

/// <summary>A finished job as the API reports it: status, and the server's own created → completed time.</summary>
internal sealed record FinishedJob(Guid Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset CompletedAt, string? Error, string Steps)
{
    public double Seconds => (CompletedAt - CreatedAt).TotalSeconds;
}

/// <summary>Submits intakes through <c>POST /api/provision</c> and waits for their final state.</summary>
internal static class BenchJobs
{
    private static readonly string[] FinalStatuses = ["Succeeded", "Failed", "Cancelled", "Compensated"];

    /// <summary>An intake like the end-to-end tests': 2 custom values (one templated), 2 users, a unique business.</summary>
    public static JsonObject Intake(string snapshotId, string tag)
    {
        var email = $"{tag}@bench.example.com";
        return new JsonObject
        {
            ["business"] = new JsonObject
            {
                ["name"] = $"Bench {tag}",
                ["email"] = email,
                ["phone"] = "(312) 744-5000",
                ["website"] = "https://acme-plumbing.com",
                ["address"] = "1 Main St",
                ["city"] = "Chicago",
                ["state"] = "IL",
                ["postalCode"] = "60601",
                ["country"] = "US",
                ["timezone"] = "America/Chicago",
                ["industry"] = "Plumbing",
            },
            ["snapshotId"] = snapshotId,
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
    }

    public static string NewTag() => Guid.NewGuid().ToString("N")[..12];

    public static async Task<Guid> SubmitAsync(HttpClient client, JsonObject intake)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision") { Content = JsonContent.Create(intake) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/provision answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetGuid();
    }

    /// <summary>
    /// Where a job's time went, from the API's own timestamps: "+start..end step" per step, in ms after createdAt
    /// (the gaps between steps are the saga's hops: outbox, broker, consume transaction).
    /// </summary>
    private static string StepTimeline(JsonElement job)
    {
        var created = job.GetProperty("createdAt").GetDateTimeOffset();
        var parts = new List<string>();
        foreach (var step in job.GetProperty("steps").EnumerateArray())
        {
            if (step.GetProperty("startedAt").ValueKind == JsonValueKind.String && step.GetProperty("completedAt").ValueKind == JsonValueKind.String)
            {
                var from = (step.GetProperty("startedAt").GetDateTimeOffset() - created).TotalMilliseconds;
                var to = (step.GetProperty("completedAt").GetDateTimeOffset() - created).TotalMilliseconds;
                parts.Add($"{step.GetProperty("name").GetString()} +{from:F0}..{to:F0}");
            }
        }

        parts.Add($"done +{(job.GetProperty("completedAt").GetDateTimeOffset() - created).TotalMilliseconds:F0}");
        return string.Join(", ", parts);
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> every <paramref name="poll"/> until the job is final.</summary>
    public static async Task<FinishedJob> WaitAsync(HttpClient client, Guid jobId, TimeSpan poll, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{jobId}"));
            var job = document.RootElement;
            var status = job.GetProperty("status").GetString()!;
            if (FinalStatuses.Contains(status) && job.GetProperty("completedAt").ValueKind == JsonValueKind.String)
            {
                return new FinishedJob(
                    jobId,
                    status,
                    job.GetProperty("createdAt").GetDateTimeOffset(),
                    job.GetProperty("completedAt").GetDateTimeOffset(),
                    job.TryGetProperty("error", out var error) ? error.GetString() : null,
                    StepTimeline(job));
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is still {status} after {timeout}.");
            }

            await Task.Delay(poll);
        }
    }
}
