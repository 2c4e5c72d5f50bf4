using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Provisioner.Bench.SystemBench.Hosting;

namespace Provisioner.Bench.SystemBench.Scenarios;

/// <summary>
/// Scenario 2: the sandbox adds <c>LatencyMs</c> to every GHL call and enforces no rate limit. A job's GHL calls
/// (k, counted in the sandbox's journal) are the floor's too: the same operations, one after another, in a plain loop
/// over the service's own GhlClient (same handler pipeline, same token provider). Reports single-job p50 (the API's
/// createdAt → completedAt) ÷ floor p50, then a batch of concurrent jobs: jobs/s and CPU seconds per job.
/// </summary>
/// <remarks>
/// The batch runs over ten agencies, each with enough run slots (<c>MaxConcurrentJobsPerAgency</c>) to run its share at
/// once: GhlSandbox seeds two, and the scenario adds eight copies of them (<see cref="BenchSandbox.Agencies"/>), each
/// connected through the same OAuth consent. With GHL's limit off, the client's own pacing (90 per 10 s per resource) is
/// raised to match: it would otherwise bound the batch, which is scenario 1's subject, not this one's.
/// <para>
/// A burst meets a race in ProvisioningService: a job's <c>StartProvisioning</c> (granted by another job's admission)
/// can be consumed before its own <c>ProvisioningRequested</c>, and the saga then starts without the intake's snapshot
/// and asks SnapshotAdvisor (absent here). So each agency's default snapshot is set to the one the intakes name, and
/// the advisor timeout is the shortest allowed (1 s): such a job still provisions the same snapshot, 1 s later, and the
/// scenario counts them.
/// </para>
/// </remarks>
internal sealed class OrchestrationOverhead(OrchestrationOverhead.Options options)
{
    internal sealed record Options(int LatencyMs = 50, int SingleJobs = 15, int Concurrent = 50, int Agencies = 10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    public async Task<ScenarioResult> RunAsync()
    {
        var slots = (options.Concurrent + options.Agencies - 1) / options.Agencies;
        using var sandbox = new BenchSandbox(rateLimit: false);
        sandbox.Start();
        var agencies = sandbox.Agencies(options.Agencies);
        await using var service = await BenchProvisioning.StartAsync(
            new ProvisioningSettings(sandbox.Address, RunSlotsPerAgency: slots, GhlBurstLimit: 100_000, AdvisorTimeout: TimeSpan.FromSeconds(1)));
        foreach (var agency in agencies)
        {
            await service.InstallAsync(sandbox, agency.Id);
            using var admin = service.ClientFor(agency.Id, "admin");
            using var settings = await admin.PutAsJsonAsync("/api/provision/settings", new { defaultSnapshotId = agency.Snapshot, maxConcurrentJobs = slots });
            settings.EnsureSuccessStatusCode();
        }

        await sandbox.AddLatencyAsync(options.LatencyMs);
        var (agencyId, snapshot) = agencies[0];
        using var client = service.ClientFor(agencyId);

        // Warm-up (JIT tiering, pools, the broker's queues), not counted: three jobs and three floor loops. With one, the
        // first counted jobs still ran partly on unoptimised code (650–900 ms against 575–625 ms once warm).
        for (var i = 0; i < 3; i++)
        {
            await RunJobAsync(client, snapshot);
            await OrchestrationFloor.RunAsync(service, agencyId, snapshot);
        }

        // Jobs and floor loops alternate, so both see the same machine: on two shared cores a burst of someone else's
        // work would otherwise land on one series only.
        var jobSeconds = new List<double>();
        var jobCalls = new List<int>();
        string[] jobSequence = [];
        var floorSeconds = new List<double>();
        var floorCalls = new List<int>();
        for (var i = 0; i < options.SingleJobs; i++)
        {
            var before = sandbox.LastSequence();
            var job = await RunJobAsync(client, snapshot);
            jobSeconds.Add(job.Seconds);
            Console.WriteLine($"  job {i + 1}: {job.Steps} ms");
            var calls = sandbox.CallsAfter(before);
            jobCalls.Add(calls.Count);
            jobSequence = [.. calls.Select(c => $"{c.Method} {Shape(c.Path)}")];

            before = sandbox.LastSequence();
            floorSeconds.Add(await OrchestrationFloor.RunAsync(service, agencyId, snapshot));
            floorCalls.Add(sandbox.CallsAfter(before).Count);
        }

        var k = (int)Stats.Percentile(jobCalls.Select(c => (double)c).ToList(), 50);
        var jobP50 = Stats.Percentile(jobSeconds, 50);
        var floorP50 = Stats.Percentile(floorSeconds, 50);
        var ratio = jobP50 / floorP50;
        Console.WriteLine($"  one job's GHL calls (k={k}): {string.Join(", ", jobSequence)}");
        Console.WriteLine($"  GHL calls per job {string.Join("/", jobCalls)}; per floor loop {string.Join("/", floorCalls)}");
        Console.WriteLine($"  single job (createdAt → completedAt) p50 {Stats.F(jobP50 * 1000, 0)} ms, min {Stats.F(jobSeconds.Min() * 1000, 0)}, max {Stats.F(jobSeconds.Max() * 1000, 0)} (n={jobSeconds.Count})");
        Console.WriteLine($"  floor (plain GhlClient loop) p50 {Stats.F(floorP50 * 1000, 0)} ms, min {Stats.F(floorSeconds.Min() * 1000, 0)}, max {Stats.F(floorSeconds.Max() * 1000, 0)}; {k} × {options.LatencyMs} ms = {k * options.LatencyMs} ms");

        var batch = await BatchAsync(service, agencies);
        var line = $"orchestration: k={k} GHL calls/job at {options.LatencyMs} ms, single job p50 {Stats.F(jobP50 * 1000, 0)} ms vs floor {Stats.F(floorP50 * 1000, 0)} ms; " +
                   $"{batch.Jobs} concurrent jobs over {agencies.Count} agencies: {Stats.F(batch.JobsPerSecond)} jobs/s, " +
                   $"{Stats.F(batch.CpuPerJob, 3)} CPU s/job in-process" +
                   (batch.ServerCpuPerJob is { } server ? $" + {Stats.F(server, 3)} PostgreSQL/RabbitMQ" : string.Empty) +
                   $", {batch.Failed} failed (target: ratio <= 1.5); ratio={Stats.F(ratio)}";
        return new ScenarioResult(line, ratio <= 1.5 && batch.Failed == 0);
    }

    private static async Task<FinishedJob> RunJobAsync(HttpClient client, string snapshot)
    {
        var jobId = await BenchJobs.SubmitAsync(client, BenchJobs.Intake(snapshot, BenchJobs.NewTag()));
        var job = await BenchJobs.WaitAsync(client, jobId, Poll, JobTimeout);
        return job.Status == "Succeeded" ? job : throw new InvalidOperationException($"A job ended {job.Status}: {job.Error}");
    }

    private sealed record Batch(int Jobs, int Failed, double JobsPerSecond, double CpuPerJob, double? ServerCpuPerJob);

    /// <summary>
    /// Submits the batch at once (round-robin over the agencies), then watches the agencies' job lists (one request per
    /// agency per 250 ms, not one per job) until every job is final. Throughput uses the server's timestamps: jobs ÷
    /// (last completedAt − first createdAt).
    /// </summary>
    private async Task<Batch> BatchAsync(BenchProvisioning service, IReadOnlyList<(string Id, string Snapshot)> agencies)
    {
        var clients = agencies.Select(a => (Agency: a, Client: service.ClientFor(a.Id))).ToArray();
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var serverBefore = ServerCpu.Seconds();
            var submitted = await Task.WhenAll(Enumerable.Range(0, options.Concurrent).Select(i =>
            {
                var (agency, client) = clients[i % clients.Length];
                return SubmitAsync(client, agency.Id, agency.Snapshot);
            }));
            var wanted = submitted.Select(s => s.JobId).ToHashSet();
            var finishedAgency = submitted.ToDictionary(s => s.JobId, s => s.Agency);
            var finished = new Dictionary<Guid, (string Status, DateTimeOffset Created, DateTimeOffset Completed)>();
            var deadline = DateTime.UtcNow + JobTimeout;
            while (finished.Count < wanted.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{wanted.Count - finished.Count} of {wanted.Count} jobs not final after {JobTimeout}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
                foreach (var (_, client) in clients)
                {
                    using var page = JsonDocument.Parse(await client.GetStringAsync("/api/jobs?pageSize=200"));
                    foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
                    {
                        var id = item.GetProperty("id").GetGuid();
                        if (wanted.Contains(id) && item.GetProperty("completedAt").ValueKind == JsonValueKind.String
                            && item.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled" or "Compensated")
                        {
                            finished[id] = (item.GetProperty("status").GetString()!, item.GetProperty("createdAt").GetDateTimeOffset(),
                                item.GetProperty("completedAt").GetDateTimeOffset());
                        }
                    }
                }
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var serverAfter = ServerCpu.Seconds();
            var span = (finished.Values.Max(f => f.Completed) - finished.Values.Min(f => f.Created)).TotalSeconds;
            var failed = finished.Values.Count(f => f.Status != "Succeeded");
            var overtaken = 0;
            foreach (var id in wanted)
            {
                var agencyClient = clients.First(c => c.Agency.Id == finishedAgency[id]).Client;
                using var detail = JsonDocument.Parse(await agencyClient.GetStringAsync($"/api/jobs/{id}"));
                if (detail.RootElement.GetProperty("snapshotReason").GetString() is { } reason && !reason.Contains("intake named", StringComparison.OrdinalIgnoreCase))
                {
                    overtaken++;
                }
            }

            Console.WriteLine($"  {overtaken} of {wanted.Count} jobs started before their request was consumed (the race above): snapshot from the agency default after the 1 s advisor timeout");
            foreach (var (id, _) in finished.Where(f => f.Value.Status != "Succeeded").Take(3))
            {
                var agencyClient = clients.First(c => c.Agency.Id == finishedAgency[id]).Client;
                using var detail = JsonDocument.Parse(await agencyClient.GetStringAsync($"/api/jobs/{id}"));
                Console.WriteLine($"  not succeeded: {detail.RootElement.GetProperty("status").GetString()}: {detail.RootElement.GetProperty("error")}");
            }

            Console.WriteLine($"  batch: {wanted.Count} jobs in {Stats.F(span)} s (first createdAt → last completedAt), {failed} not succeeded; " +
                              $"process CPU {Stats.F(cpu)} s (service + sandbox + this client)" +
                              (serverBefore is { } b && serverAfter is { } a ? $", PostgreSQL + RabbitMQ CPU {Stats.F(a - b)} s" : ", PostgreSQL/RabbitMQ CPU not measured (shared servers)"));
            return new Batch(wanted.Count, failed, wanted.Count / span, cpu / wanted.Count,
                serverBefore is { } sb && serverAfter is { } sa ? (sa - sb) / wanted.Count : null);
        }
        finally
        {
            foreach (var (_, client) in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<(Guid JobId, string Agency)> SubmitAsync(HttpClient client, string agency, string snapshot) =>
        (await BenchJobs.SubmitAsync(client, BenchJobs.Intake(snapshot, BenchJobs.NewTag())), agency);

    /// <summary>A path with its ids replaced, so one job's call sequence reads as a shape (<c>/locations/{id}/customValues</c>).</summary>
    private static string Shape(string path)
    {
        var bare = path.Split('?')[0];
        return string.Join('/', bare.Split('/').Select(s => s.Length >= 18 ? "{id}" : s));
    }
}
