using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Provisioner.Bench.SystemBench.Hosting;
using Provisioner.TestSupport;

namespace Provisioner.Bench.SystemBench.Scenarios;

/// <summary>
/// Scenario 5: <c>Subscribers</c> clients open <c>GET /api/jobs/{id}/events</c> through the real gateway on one job
/// while it runs, and each records when every event reaches it. The job is held in <c>create-location</c> by a sandbox
/// fault rule (<c>POST /locations/</c> answers after <c>GateSeconds</c>, once) until every client is connected, then runs
/// its other steps with <c>LatencyMs</c> per GHL call; only events that occurred after the last client connected are
/// measured, so every measured event goes to all of them at once. Delay: client receipt − the event's
/// <c>occurredAt</c> (stamped just before the saga's commit, so the commit is inside it). Memory: this process's
/// working set and managed heap before and after connecting, per connection — clients, gateway and service together,
/// as they all run here.
/// </summary>
internal sealed class SseFanOut(SseFanOut.Options options)
{
    internal sealed record Options(int Subscribers = 1000, int GateSeconds = 40, int LatencyMs = 150);

    // One reference pair taken once: Stopwatch ticks are cheap and monotonic where they are read, UTC where they are compared.
    private static readonly (long Ticks, DateTimeOffset Utc) Reference = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);

    private sealed record Delivery(long Id, DateTimeOffset OccurredAt, long ReceivedTicks);

    public async Task<ScenarioResult> RunAsync()
    {
        var (agency, snapshot) = Agencies.Seeded[0];
        using var sandbox = new BenchSandbox(rateLimit: false);
        sandbox.Start();
        // The gate holds one GHL call for GateSeconds: the client's attempt timeout must outlast it.
        await using var service = await BenchProvisioning.StartAsync(
            new ProvisioningSettings(sandbox.Address, GhlAttemptTimeout: TimeSpan.FromSeconds(options.GateSeconds + 30)));
        await service.InstallAsync(sandbox, agency);
        await using var auth = await FakeAuthService.StartAsync(agency);
        using var gateway = new BenchGateway(service.Address, auth.Address);
        gateway.Start();

        using var submitter = service.ClientFor(agency);
        await WarmUpAsync(submitter, snapshot, gateway.Address);

        // First match wins: the gate (once), then the latency that spaces the remaining events out.
        await sandbox.AddFaultAsync(new { method = "POST", path = "/locations/*", latencyMs = options.GateSeconds * 1000, count = 1 });
        await sandbox.AddLatencyAsync(options.LatencyMs);
        var jobId = await BenchJobs.SubmitAsync(submitter, BenchJobs.Intake(snapshot, BenchJobs.NewTag()));

        var before = Memory();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var jwt = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, "viewer"));
        var url = new Uri(gateway.Address, $"/api/jobs/{jobId}/events");
        using var connected = new CountdownEvent(options.Subscribers);
        var connectWatch = Stopwatch.StartNew();
        var subscribers = Enumerable.Range(0, options.Subscribers)
            .Select(_ => Task.Run(() => SubscribeAsync(http, url, jwt, connected)))
            .ToArray();
        await Task.Run(() => connected.Wait(TimeSpan.FromMinutes(3)));
        if (connected.CurrentCount > 0)
        {
            throw new InvalidOperationException($"Only {options.Subscribers - connected.CurrentCount} of {options.Subscribers} subscribers connected in 3 minutes.");
        }

        var allConnectedAt = DateTimeOffset.UtcNow;
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        var during = Memory();
        var results = await Task.WhenAll(subscribers).WaitAsync(TimeSpan.FromMinutes(5));

        var finalStatus = (await BenchJobs.WaitAsync(submitter, jobId, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1))).Status;
        var measured = results.SelectMany(r => r).Where(d => d.OccurredAt > allConnectedAt).ToList();
        var eventIds = measured.Select(d => d.Id).Distinct().Count();
        var lastId = results.Where(r => r.Count > 0).Select(r => r[^1].Id).DefaultIfEmpty(0).Max();
        var missing = results.Count(r => r.Count == 0 || r[^1].Id != lastId);
        if (eventIds == 0)
        {
            throw new InvalidOperationException($"No event occurred after the {options.Subscribers} subscribers connected ({connectSeconds:0.0} s); raise GateSeconds.");
        }

        var delays = measured.Select(d => (StopwatchToUtc(d.ReceivedTicks) - d.OccurredAt).TotalMilliseconds).ToList();
        var p50 = Stats.Percentile(delays, 50);
        var p99 = Stats.Percentile(delays, 99);
        var perConnectionKb = (during.WorkingSet - before.WorkingSet) / 1024.0 / options.Subscribers;
        var managedKb = (during.Managed - before.Managed) / 1024.0 / options.Subscribers;
        Console.WriteLine($"  {options.Subscribers} subscribers connected through the gateway in {Stats.F(connectSeconds, 1)} s; job {finalStatus}");
        Console.WriteLine($"  measured {eventIds} events x {options.Subscribers} subscribers = {delays.Count} deliveries; " +
                          $"subscribers that missed the final event: {missing}");
        Console.WriteLine($"  delay from event to delivery: p50 {Stats.F(p50, 1)} ms, p99 {Stats.F(p99, 1)} ms, max {Stats.F(delays.Max(), 1)} ms");
        Console.WriteLine($"  memory per connection (this process: clients + gateway + service): working set {Stats.F(perConnectionKb, 1)} KiB, " +
                          $"managed heap {Stats.F(managedKb, 1)} KiB");

        var ratio = p99 / 250.0;
        var line = $"sse: {options.Subscribers} subscribers on one job via the gateway, {eventIds} live events, p50 {Stats.F(p50, 1)} ms, " +
                   $"p99 {Stats.F(p99, 1)} ms (target < 250 ms), {Stats.F(perConnectionKb, 1)} KiB per connection, {missing} incomplete; " +
                   $"ratio={Stats.F(ratio)}";
        return new ScenarioResult(line, p99 < 250 && missing == 0 && finalStatus == "Succeeded");
    }

    /// <summary>A job run end to end and a stream through the gateway read to its end: JIT, pools, queues, routes.</summary>
    private static async Task WarmUpAsync(HttpClient submitter, string snapshot, Uri gateway)
    {
        var warm = await BenchJobs.SubmitAsync(submitter, BenchJobs.Intake(snapshot, BenchJobs.NewTag()));
        await BenchJobs.WaitAsync(submitter, warm, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"/api/jobs/{warm}/events"));
        request.Headers.Authorization = submitter.DefaultRequestHeaders.Authorization;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<Delivery>> SubscribeAsync(HttpClient http, Uri url, AuthenticationHeaderValue jwt, CountdownEvent connected)
    {
        var deliveries = new List<Delivery>();
        var signalled = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = jwt;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await foreach (var item in SseParser.Create(body).EnumerateAsync())
            {
                var received = Stopwatch.GetTimestamp();
                if (!signalled)
                {
                    // The job's past events arrive at once: this subscriber is connected.
                    signalled = true;
                    connected.Signal();
                }

                using var data = JsonDocument.Parse(item.Data);
                var occurredAt = data.RootElement.GetProperty("occurredAt").GetDateTimeOffset();
                deliveries.Add(new Delivery(long.Parse(item.EventId ?? "0", CultureInfo.InvariantCulture), occurredAt, received));
            }
        }
        finally
        {
            if (!signalled)
            {
                connected.Signal(); // a failed subscriber must not hold the others' start; it shows as incomplete
            }
        }

        return deliveries;
    }

    private static DateTimeOffset StopwatchToUtc(long ticks) => Reference.Utc + Stopwatch.GetElapsedTime(Reference.Ticks, ticks);

    private static (long WorkingSet, long Managed) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }
}
