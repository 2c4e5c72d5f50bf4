using System.Net.Http.Json;
using System.Text.Json;
using Provisioner.Bench.SystemBench.Hosting;

namespace Provisioner.Bench.SystemBench.Scenarios;

/// <summary>
/// Scenario 1: the sandbox enforces GHL's 100 requests / 10 s per resource, no added latency, instant snapshot loads;
/// <c>Jobs</c> jobs of one agency submitted at once, <c>RunSlots</c> of them running at a time. The sandbox's journal
/// gives every call with its token type and status: k (calls per job), the calls charged to the agency's own bucket
/// (Company-token calls; location-token calls are charged to each new location's bucket, which is never the bound),
/// and the 429s the client was answered.
/// </summary>
/// <remarks>
/// Ratios: achieved request rate on the agency's bucket ÷ the allowed 10/s (target ≥ 0.90; GhlClient paces at 90 % of
/// the limit by default, <c>SafetyMargin</c> 0.1, so 0.90 is its ceiling), and jobs per minute ÷ the bound 600/k with
/// k the agency-bucket calls per job (the 600/k with all calls of a job counted is printed too).
/// The race described in <see cref="OrchestrationOverhead"/> is worked around the same way (agency default snapshot,
/// 1 s advisor timeout).
/// </remarks>
internal sealed class RateLimitEfficiency(RateLimitEfficiency.Options options)
{
    internal sealed record Options(int Jobs = 60, int RunSlots = 20);

    public async Task<ScenarioResult> RunAsync()
    {
        var (agencyId, snapshot) = Agencies.Seeded[0];
        using var sandbox = new BenchSandbox(rateLimit: true);
        sandbox.Start();
        await using var service = await BenchProvisioning.StartAsync(
            new ProvisioningSettings(sandbox.Address, RunSlotsPerAgency: options.RunSlots, AdvisorTimeout: TimeSpan.FromSeconds(1)));
        await service.InstallAsync(sandbox, agencyId);
        using (var admin = service.ClientFor(agencyId, "admin"))
        {
            using var settings = await admin.PutAsJsonAsync("/api/provision/settings", new { defaultSnapshotId = snapshot, maxConcurrentJobs = options.RunSlots });
            settings.EnsureSuccessStatusCode();
        }

        using var client = service.ClientFor(agencyId);

        // Warm-up job (JIT, pools, queues); its calls are outside the measured journal range. The window then resets.
        var warm = await BenchJobs.WaitAsync(client, await BenchJobs.SubmitAsync(client, BenchJobs.Intake(snapshot, BenchJobs.NewTag())),
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2));
        if (warm.Status != "Succeeded")
        {
            throw new InvalidOperationException($"The warm-up job ended {warm.Status}: {warm.Error}");
        }

        await Task.Delay(TimeSpan.FromSeconds(11));
        var before = sandbox.LastSequence();
        var submitted = await Task.WhenAll(Enumerable.Range(0, options.Jobs)
            .Select(_ => BenchJobs.SubmitAsync(client, BenchJobs.Intake(snapshot, BenchJobs.NewTag()))));
        var finished = await WaitAllAsync(client, submitted.ToHashSet(), TimeSpan.FromMinutes(5));
        var calls = sandbox.CallsAfter(before);

        var first = finished.Min(f => f.CreatedAt);
        var last = finished.Max(f => f.CompletedAt);
        var span = (last - first).TotalSeconds;
        var failed = finished.Count(f => f.Status != "Succeeded");
        var agencyCalls = calls.Where(c => c.TokenType == "Company" && c.Status != 429).ToList();
        var rejected = calls.Count(c => c.Status == 429);
        var k = (double)calls.Count(c => c.Status != 429) / options.Jobs;
        var kAgency = (double)agencyCalls.Count / options.Jobs;

        // The achieved rate over the busy part of the run: first to last agency-bucket call.
        var busy = agencyCalls.Count > 1 ? (agencyCalls.Max(c => c.Time) - agencyCalls.Min(c => c.Time)).TotalSeconds : span;
        var rate = agencyCalls.Count / busy;
        var rateRatio = rate / 10.0;
        var jobsPerMinute = options.Jobs / span * 60;
        var bound = 600 / kAgency;
        Console.WriteLine($"  {options.Jobs} jobs, {options.RunSlots} run slots: {Stats.F(span, 1)} s from first createdAt to last completedAt, {failed} not succeeded");
        Console.WriteLine($"  GHL calls: {calls.Count} ({Stats.F(k, 1)} per job), {agencyCalls.Count} on the agency's bucket ({Stats.F(kAgency, 1)} per job) in {Stats.F(busy, 1)} s, {rejected} answered 429");
        Console.WriteLine($"  jobs/min {Stats.F(jobsPerMinute, 1)}; bound 600/k = {Stats.F(bound, 1)} with k = agency-bucket calls ({Stats.F(600 / k, 1)} with every call counted)");
        var line = $"ratelimit: k={Stats.F(k, 1)} GHL calls/job ({Stats.F(kAgency, 1)} on the agency bucket), {Stats.F(rate, 2)} req/s of 10 allowed (ratio {Stats.F(rateRatio)}), " +
                   $"{rejected} 429s, {failed} failed, {Stats.F(jobsPerMinute, 1)} jobs/min of bound {Stats.F(bound, 1)} " +
                   $"(targets: rate ratio >= 0.90, 0 429s, 0 failed); ratio={Stats.F(jobsPerMinute / bound)}";
        return new ScenarioResult(line, rateRatio >= 0.90 && rejected == 0 && failed == 0);
    }

    private static async Task<List<FinishedJob>> WaitAllAsync(HttpClient client, HashSet<Guid> wanted, TimeSpan timeout)
    {
        var finished = new Dictionary<Guid, FinishedJob>();
        var deadline = DateTime.UtcNow + timeout;
        while (finished.Count < wanted.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{wanted.Count - finished.Count} of {wanted.Count} jobs not final after {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
            using var page = JsonDocument.Parse(await client.GetStringAsync("/api/jobs?pageSize=200"));
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                var id = item.GetProperty("id").GetGuid();
                if (wanted.Contains(id) && item.GetProperty("completedAt").ValueKind == JsonValueKind.String
                    && item.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled" or "Compensated")
                {
                    finished[id] = new FinishedJob(id, item.GetProperty("status").GetString()!, item.GetProperty("createdAt").GetDateTimeOffset(),
                        item.GetProperty("completedAt").GetDateTimeOffset(), null, string.Empty);
                }
            }
        }

        return [.. finished.Values];
    }
}
