using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 3: PostgreSQL (every service's database) is stopped while jobs run and started again after the
/// outage. Meanwhile the public APIs must answer 503 ProblemDetails with <c>Retry-After</c> and nothing of the
/// exception, never another 5xx; afterwards nothing may be lost (as in scenario 2) and the same processes carry on.
/// The reduced form runs in <c>./provisioner test</c>; the full one (20 s) only with <c>--full</c>.
/// </summary>
[Collection(OwnInfrastructureCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public Task Provision_DatabaseDownTenSecondsMidRun_ApisAnswer503AndNothingLost() =>
        RunAsync(jobs: 4, outage: TimeSpan.FromSeconds(10));

    [Fact]
    [Trait("Category", "Full")]
    public Task Provision_DatabaseDownTwentySecondsMidRun_ApisAnswer503AndNothingLost() =>
        RunAsync(jobs: 12, outage: TimeSpan.FromSeconds(20));

    private async Task RunAsync(int jobs, TimeSpan outage)
    {
        output.WriteLine($"load average at start: {OwnInfrastructureCollection.LoadAverage()}");
        await using var world = await OwnInfrastructureWorld.StartAsync(snapshotLoad: TimeSpan.FromSeconds(3));
        output.WriteLine($"{world.Infrastructure.Describe()}; servers up in {world.ServersStartedIn.TotalSeconds:0.0} s, " +
            $"four services healthy and both agencies connected in {world.StartedIn.TotalSeconds:0.0} s");
        var clock = Stopwatch.StartNew();
        await using var health = new OwnInfrastructureHealth(world.Services, clock);
        var work = new OwnInfrastructureJobs(world);
        var pids = world.Services.Select(s => s.Pid).ToList();

        await work.SubmitAsync(jobs);
        await work.WaitForMidRunAsync("create-location", TimeSpan.FromMinutes(3));
        var probe = new DatabaseOutageProbe(world, work.Submitted[0]);

        var downAt = clock.Elapsed;
        await world.Infrastructure.StopDatabaseAsync();
        var stoppedAt = clock.Elapsed;
        output.WriteLine($"PostgreSQL stopping at {downAt.TotalSeconds:0.0} s, stopped at {stoppedAt.TotalSeconds:0.0} s");
        // The outage counts from "stopped": a fast shutdown itself took 13 s at a load average of 115.
        while (clock.Elapsed < stoppedAt + outage)
        {
            await probe.SendRoundAsync(work);
            await Task.Delay(200);
        }

        var restartAt = clock.Elapsed;
        await world.Infrastructure.StartDatabaseAsync();
        var upAt = clock.Elapsed;
        output.WriteLine($"PostgreSQL started at {restartAt.TotalSeconds:0.0} s, accepting at {upAt.TotalSeconds:0.0} s " +
            $"(down {(upAt - downAt).TotalSeconds:0.0} s)");

        // Recovery as a caller sees it: the first 200 on a job's status after the database is back.
        var firstOk = await probe.WaitForFirstOkAsync(TimeSpan.FromMinutes(2));
        var firstOkAfter = clock.Elapsed - upAt;
        var statuses = await work.WaitForAllFinishedAsync(TimeSpan.FromMinutes(5));
        var finishedAt = clock.Elapsed;
        var healthyAgain = await BrokerOutageTests.WaitHealthyAgainAsync(health, upAt, TimeSpan.FromMinutes(2));
        var outcome = await work.MeasureAsync(statuses, TimeSpan.FromMinutes(1));

        output.WriteLine($"API answers while the database was down: {probe.Histogram()}");
        output.WriteLine($"sample 503: {probe.Sample503}");
        output.WriteLine($"health while the database was down: {health.Summary(stoppedAt, restartAt)}");
        output.WriteLine($"first 200 on GET /api/jobs/{{id}} {firstOkAfter.TotalSeconds:0.0} s after the database was up ({firstOk} answers before it)");
        output.WriteLine("healthy again after the database was up: " + string.Join(", ", healthyAgain.Select(h =>
            $"{h.Key} {(h.Value is { } t ? $"{t.TotalSeconds:0.0} s" : "never")}")));
        output.WriteLine($"all jobs finished {(finishedAt - upAt).TotalSeconds:0.0} s after the database was up; {outcome}");
        output.WriteLine($"load average at end: {OwnInfrastructureCollection.LoadAverage()}");

        world.AssertNoServiceExited();
        Assert.Equal(pids, world.Services.Select(s => s.Pid));
        Assert.True(probe.Problems.Count == 0, string.Join('\n', probe.Problems));
        Assert.True(probe.Count503 > 0, $"no 503 while the database was down: {probe.Histogram()}");
        Assert.True(outcome.Problems.Count == 0, outcome.ToString());
        Assert.Equal(jobs, outcome.Succeeded);
        Assert.True(health.Between(stoppedAt, restartAt).Any(r => r.Service == world.Provisioning.Project && r.Status != "Healthy"),
            $"ProvisioningService read Healthy throughout the database outage: {health.Summary(stoppedAt, restartAt)}");
        foreach (var service in world.Services)
        {
            Assert.True(healthyAgain.GetValueOrDefault(service.Project) is not null, $"{service.Project} was not Healthy again after the outage");
        }
    }
}
