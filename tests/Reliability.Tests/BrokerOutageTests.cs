using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 2: RabbitMQ is killed while jobs run and started again after the outage. Nothing may be lost
/// (every job Succeeded, one JobStepCompleted per step in job_events and in the audit log, the outboxes drained), the
/// same service processes must carry on by themselves, and <c>/health</c> must show the outage and then Healthy.
/// The reduced form runs in <c>./provisioner test</c>; the full one (20 s) only with <c>--full</c>.
/// </summary>
[Collection(OwnInfrastructureCollection.Name)]
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    [Fact]
    public Task Provision_BrokerDownTenSecondsMidRun_NothingLostAndServicesRecover() =>
        RunAsync(jobsBefore: 2, jobsDuring: 2, outage: TimeSpan.FromSeconds(10));

    [Fact]
    [Trait("Category", "Full")]
    public Task Provision_BrokerDownTwentySecondsMidRun_NothingLostAndServicesRecover() =>
        RunAsync(jobsBefore: 8, jobsDuring: 4, outage: TimeSpan.FromSeconds(20));

    private async Task RunAsync(int jobsBefore, int jobsDuring, TimeSpan outage)
    {
        output.WriteLine($"load average at start: {OwnInfrastructureCollection.LoadAverage()}");
        await using var world = await OwnInfrastructureWorld.StartAsync(snapshotLoad: TimeSpan.FromSeconds(3));
        output.WriteLine($"{world.Infrastructure.Describe()}; servers up in {world.ServersStartedIn.TotalSeconds:0.0} s, " +
            $"four services healthy and both agencies connected in {world.StartedIn.TotalSeconds:0.0} s");
        var clock = Stopwatch.StartNew();
        await using var health = new OwnInfrastructureHealth(world.Services, clock);
        var jobs = new OwnInfrastructureJobs(world);
        var pids = world.Services.Select(s => s.Pid).ToList();

        await jobs.SubmitAsync(jobsBefore);
        await jobs.WaitForMidRunAsync("create-location", TimeSpan.FromMinutes(3));

        var downAt = clock.Elapsed;
        await world.Infrastructure.StopBrokerAsync();
        output.WriteLine($"broker killed at {downAt.TotalSeconds:0.0} s");

        // Accepting work needs only PostgreSQL: the intake's message waits in the bus outbox.
        var acceptedDuring = 0;
        for (var i = 0; i < jobsDuring; i++)
        {
            var (status, body) = await jobs.TrySubmitAsync();
            Assert.True(status == HttpStatusCode.Accepted, $"POST /api/provision during the outage: {(int)status} {body}");
            acceptedDuring++;
        }

        var remaining = downAt + outage - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var restartAt = clock.Elapsed;
        await world.Infrastructure.StartBrokerAsync();
        var upAt = clock.Elapsed;
        output.WriteLine($"broker started at {restartAt.TotalSeconds:0.0} s, accepting at {upAt.TotalSeconds:0.0} s " +
            $"(down {(upAt - downAt).TotalSeconds:0.0} s); {acceptedDuring} jobs accepted while it was down");

        var statuses = await jobs.WaitForAllFinishedAsync(TimeSpan.FromMinutes(5));
        var finishedAt = clock.Elapsed;
        var healthyAgain = await WaitHealthyAgainAsync(health, upAt, TimeSpan.FromMinutes(2));
        var outcome = await jobs.MeasureAsync(statuses, TimeSpan.FromMinutes(1));
        var duringOutage = health.Between(downAt + TimeSpan.FromSeconds(1), restartAt);

        output.WriteLine($"health while the broker was down: {health.Summary(downAt + TimeSpan.FromSeconds(1), restartAt)}");
        output.WriteLine("healthy again after the broker was up: " + string.Join(", ", healthyAgain.Select(h =>
            $"{h.Key} {(h.Value is { } t ? $"{t.TotalSeconds:0.0} s" : "never")}")));
        output.WriteLine($"all jobs finished {(finishedAt - upAt).TotalSeconds:0.0} s after the broker was up; {outcome}");
        output.WriteLine($"load average at end: {OwnInfrastructureCollection.LoadAverage()}");

        world.AssertNoServiceExited();
        Assert.Equal(pids, world.Services.Select(s => s.Pid));
        Assert.True(outcome.Problems.Count == 0, outcome.ToString());
        Assert.Equal(jobsBefore + jobsDuring, outcome.Succeeded);
        foreach (var service in world.Services)
        {
            Assert.True(duringOutage.Any(r => r.Service == service.Project && r.Status != "Healthy"),
                $"{service.Project} read Healthy throughout the broker outage: {health.Summary(downAt, restartAt)}");
            Assert.True(healthyAgain.GetValueOrDefault(service.Project) is not null, $"{service.Project} was not Healthy again after the outage");
        }
    }

    /// <summary>Waits until every service reads Healthy again after <paramref name="since"/>.</summary>
    internal static async Task<IReadOnlyDictionary<string, TimeSpan?>> WaitHealthyAgainAsync(
        OwnInfrastructureHealth health, TimeSpan since, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var again = health.HealthyAgainAfter(since);
            if ((again.Count == 3 && again.Values.All(t => t is not null)) || DateTime.UtcNow > deadline)
            {
                return again;
            }

            await Task.Delay(300);
        }
    }
}
