using System.Diagnostics;
using System.Net.Http.Headers;
using Provisioner.Bench.SystemBench.Hosting;
using Provisioner.TestSupport;

namespace Provisioner.Bench.SystemBench.Scenarios;

/// <summary>
/// Scenario 3: <c>GET /api/jobs/{id}</c> straight to ProvisioningService and through the real gateway, with one
/// HttpClient, in one run. Three paths, interleaved round by round so drift on a shared machine hits all alike:
/// <c>direct</c> (a JWT), <c>gateway+jwt</c> (the gateway forwards the JWT unchanged) and <c>gateway+key</c> (an API
/// key the gateway exchanges for a JWT once and then serves from its cache). Latency: one request at a time.
/// Throughput: <c>Concurrency</c> requests in flight for <c>ThroughputSeconds</c> per path per round; the rate is the mean
/// of the rounds.
/// </summary>
internal sealed class GatewayOverhead(GatewayOverhead.Options options)
{
    internal sealed record Options(int Rounds = 8, int SequentialPerRound = 300, double ThroughputSeconds = 1.5, int Concurrency = 8);

    private sealed record Path(string Name, Uri Url, string Authorization);

    public async Task<ScenarioResult> RunAsync()
    {
        var agency = Agencies.Seeded[0];
        using var sandbox = new BenchSandbox(rateLimit: false);
        sandbox.Start();
        await using var service = await BenchProvisioning.StartAsync(new ProvisioningSettings(sandbox.Address));
        await service.InstallAsync(sandbox, agency.Id);
        await using var auth = await FakeAuthService.StartAsync(agency.Id);
        using var gateway = new BenchGateway(service.Address, auth.Address);
        gateway.Start();

        // A real, finished job of the agency: the answer is the same on every request.
        using var submitter = service.ClientFor(agency.Id);
        var jobId = await BenchJobs.SubmitAsync(submitter, BenchJobs.Intake(agency.Snapshot, BenchJobs.NewTag()));
        var job = await BenchJobs.WaitAsync(submitter, jobId, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        if (job.Status != "Succeeded")
        {
            throw new InvalidOperationException($"The seed job ended {job.Status}: {job.Error}");
        }

        var jwt = "Bearer " + TestTokens.Issue(agency.Id, "viewer");
        var key = $"Bearer pvk_bench{Guid.NewGuid():N}";
        var relative = $"/api/jobs/{jobId}";
        Path[] paths =
        [
            new("direct", new Uri(service.Address, relative), jwt),
            new("gateway+jwt", new Uri(gateway.Address, relative), jwt),
            new("gateway+key", new Uri(gateway.Address, relative), key),
        ];

        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        foreach (var path in paths)
        {
            await SequentialAsync(client, path, 300); // warm-up: JIT, connections, the key's exchange
        }

        var latencies = paths.ToDictionary(p => p.Name, _ => new List<double>());
        var rates = paths.ToDictionary(p => p.Name, _ => new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            // The order rotates each round, so no path always runs first (after a pause) or last.
            var order = paths.Skip(round % paths.Length).Concat(paths.Take(round % paths.Length)).ToArray();
            foreach (var path in order)
            {
                latencies[path.Name].AddRange(await SequentialAsync(client, path, options.SequentialPerRound));
            }

            foreach (var path in order)
            {
                rates[path.Name].Add(await ThroughputAsync(client, path));
            }
        }

        var direct = Summary(latencies["direct"], rates["direct"]);
        var viaJwt = Summary(latencies["gateway+jwt"], rates["gateway+jwt"]);
        var viaKey = Summary(latencies["gateway+key"], rates["gateway+key"]);
        var ratioJwt = viaJwt.Rate / direct.Rate;
        var ratioKey = viaKey.Rate / direct.Rate;
        var ratio = Math.Min(ratioJwt, ratioKey);
        var addedP50 = Math.Max(viaJwt.P50 - direct.P50, viaKey.P50 - direct.P50);
        foreach (var (name, s) in new[] { ("direct", direct), ("gateway+jwt", viaJwt), ("gateway+key", viaKey) })
        {
            Console.WriteLine($"  {name,-12} {Stats.F(s.Rate, 0),6} req/s (c={options.Concurrency})  p50 {Stats.F(s.P50, 3)} ms  p99 {Stats.F(s.P99, 3)} ms  (n={s.Count})");
        }

        Console.WriteLine($"  token exchanges the gateway made: {auth.Exchanges}");
        var line = $"gateway: {Stats.F(direct.Rate, 0)} req/s direct, {Stats.F(viaJwt.Rate, 0)} via gateway with JWT (ratio {Stats.F(ratioJwt)}), " +
                   $"{Stats.F(viaKey.Rate, 0)} with API key (ratio {Stats.F(ratioKey)}); added p50/p99 " +
                   $"{Stats.F(viaJwt.P50 - direct.P50, 3)}/{Stats.F(viaJwt.P99 - direct.P99, 3)} ms JWT, " +
                   $"{Stats.F(viaKey.P50 - direct.P50, 3)}/{Stats.F(viaKey.P99 - direct.P99, 3)} ms key " +
                   $"(targets: ratio >= 0.80, added p50 < 1 ms); ratio={Stats.F(ratio)}";
        return new ScenarioResult(line, ratio >= 0.80 && addedP50 < 1.0);
    }

    private static (double Rate, double P50, double P99, int Count) Summary(List<double> latencies, List<double> rates) =>
        (rates.Average(), Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Count);

    private static async Task<List<double>> SequentialAsync(HttpClient client, Path path, int count)
    {
        var result = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, path, CancellationToken.None);
            result.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return result;
    }

    private async Task<double> ThroughputAsync(HttpClient client, Path path)
    {
        var completed = 0L;
        var watch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(options.ThroughputSeconds);
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (watch.Elapsed < until)
            {
                await GetAsync(client, path, CancellationToken.None);
                Interlocked.Increment(ref completed);
            }
        }));
        return completed / watch.Elapsed.TotalSeconds;
    }

    private static async Task GetAsync(HttpClient client, Path path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.Url);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(path.Authorization);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path.Name}: GET answered {(int)response.StatusCode}.");
        }
    }
}
