using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace Provisioner.Gateway.Tests;

/// <summary>
/// Issue 11, scenario 7: one abusive client hammers the gateway while a well-behaved one works at the same time. The
/// abuser gets exactly its permits, then 429 ProblemDetails with Retry-After, and none of its refused requests reaches a
/// service; the other client is served throughout. The figures go to the test output (RELIABILITY.md section 7).
/// </summary>
public sealed class RateLimitingAbuseTests(ITestOutputHelper output)
{
    private const int Permits = 50;
    private const int AbusiveRequests = 600;
    private const int AbusiveParallelism = 16;
    private const int NormalRequests = 40;

    // One long window: no refill during the test, so "allowed" is exactly the permit count.
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["GatewayOptions:RateLimitPermits"] = Permits.ToString(CultureInfo.InvariantCulture),
        ["GatewayOptions:RateLimitWindow"] = "00:10:00",

        // The other client's first request waits for a token exchange; on a machine this loaded the 5 s default can
        // lapse (503), which would be a load artefact, not a rate-limiting result.
        ["TokenExchangeOptions:Timeout"] = "00:01:00",
    };

    [Fact]
    public async Task Proxy_AbusiveApiKeyHammering_LimitedToItsPermitsWhileAnotherKeyIsServed()
    {
        await using var env = await GatewayEnvironment.StartAsync(Limits);
        using var abuser = env.CreateClient();
        using var normal = env.CreateClient();

        var figures = await RunAsync(env, abuser, normal, "/api/jobs");

        figures.Print(output, "API key vs API key");
        figures.AssertHeld();
    }

    [Fact]
    public async Task Proxy_AbusiveAnonymousIpHammering_LimitedWhileAKeyClientFromTheSameMachineIsServed()
    {
        await using var env = await GatewayEnvironment.StartAsync(Limits);
        using var abuser = env.CreateAnonymousClient();
        using var normal = env.CreateClient();

        var figures = await RunAsync(env, abuser, normal, "/");

        figures.Print(output, "anonymous IP vs API key");
        figures.AssertHeld();
    }

    private static async Task<AbuseFigures> RunAsync(GatewayEnvironment env, HttpClient abuser, HttpClient normal, string abusedPath)
    {
        var figures = new AbuseFigures();
        var reachedBefore = env.Backends.Where(b => b.Name != "auth").Sum(b => b.Requests);
        using var done = new CancellationTokenSource();

        var hammering = Parallel.ForAsync(0, AbusiveRequests, new ParallelOptions { MaxDegreeOfParallelism = AbusiveParallelism }, async (i, ct) =>
        {
            using var response = await abuser.GetAsync($"{abusedPath.TrimEnd('/')}/{i}", ct);
            await figures.RecordAbuseAsync(response);
        });

        // The well-behaved client: one request at a time, spread over the hammering, under its own limit.
        var working = Task.Run(async () =>
        {
            for (var i = 0; i < NormalRequests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await normal.GetAsync($"/api/jobs/normal-{i}");
                figures.RecordNormal(response.StatusCode, Stopwatch.GetElapsedTime(started));
                await Task.Delay(5);
            }
        });

        await Task.WhenAll(hammering, working);
        figures.ReachedServices = env.Backends.Where(b => b.Name != "auth").Sum(b => b.Requests) - reachedBefore;
        return figures;
    }

    private sealed class AbuseFigures
    {
        private readonly List<TimeSpan> normalLatencies = [];
        private readonly List<HttpStatusCode> normalStatuses = [];
        private int allowed;
        private int refused;
        private int refusedBadly;

        public int ReachedServices { get; set; }

        public async Task RecordAbuseAsync(HttpResponseMessage response)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref allowed);
                return;
            }

            Interlocked.Increment(ref refused);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? await response.Content.ReadFromJsonAsync<ProblemDetails>()
                : null;
            if (response.StatusCode != HttpStatusCode.TooManyRequests || !(response.Headers.RetryAfter?.Delta > TimeSpan.Zero)
                || problem?.Status != 429)
            {
                Interlocked.Increment(ref refusedBadly);
            }
        }

        public void RecordNormal(HttpStatusCode status, TimeSpan latency)
        {
            lock (normalLatencies)
            {
                normalStatuses.Add(status);
                normalLatencies.Add(latency);
            }
        }

        public void Print(ITestOutputHelper output, string name)
        {
            var sorted = normalLatencies.Order().ToList();
            output.WriteLine(
                $"{name}: abusive {AbusiveRequests} requests ({AbusiveParallelism} parallel), allowed {allowed}, refused 429 {refused} " +
                $"(without Retry-After/problem: {refusedBadly}); reached services {ReachedServices}; other client " +
                $"{normalStatuses.Count(s => s == HttpStatusCode.OK)}/{normalStatuses.Count} OK, latency p50 " +
                $"{Percentile(sorted, 0.5):0.0} ms, p95 {Percentile(sorted, 0.95):0.0} ms, max {sorted[^1].TotalMilliseconds:0.0} ms");
        }

        public void AssertHeld()
        {
            Assert.Equal(Permits, allowed);
            Assert.Equal(AbusiveRequests - Permits, refused);
            Assert.Equal(0, refusedBadly);
            Assert.All(normalStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
            Assert.Equal(NormalRequests, normalStatuses.Count);
            // Only the allowed requests of both clients reached a service; every refusal ended at the gateway.
            Assert.Equal(Permits + NormalRequests, ReachedServices);
        }

        private static double Percentile(List<TimeSpan> sorted, double p) =>
            sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)].TotalMilliseconds;
    }
}
