using Xunit.Abstractions;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 1 (issue 6's "killed during each step in turn"): ProvisioningService is SIGKILLed again and
/// again while jobs run; every job must still finish exactly once — one location, no duplicate users, the custom
/// values set, one JobStepCompleted per step. The reduced form runs in <c>./provisioner test</c>; the full size
/// (50 jobs, 10 kills) only with <c>--full</c>.
/// </summary>
public sealed class ProvisioningCrashTests(ITestOutputHelper output)
{
    [Fact]
    public Task Provision_KilledInEachStepInTurn_EveryJobSucceedsExactlyOnce() =>
        RunAsync(jobs: 10, kills: 4, finishTimeout: TimeSpan.FromMinutes(4));

    [Fact]
    [Trait("Category", "Full")]
    public Task Provision_FiftyJobsTenKills_EveryJobSucceedsExactlyOnce() =>
        RunAsync(jobs: 50, kills: 10, finishTimeout: TimeSpan.FromMinutes(10));

    private async Task RunAsync(int jobs, int kills, TimeSpan finishTimeout)
    {
        // One run slot per agency keeps work queued until the last kill has landed; the sandbox loads a snapshot in
        // 1 s, so wait-for-snapshot spans several polls.
        await using var world = await CrashWorld.StartAsync(TimeSpan.FromSeconds(1), maxConcurrentJobsPerAgency: 1);
        var seed = Environment.TickCount;
        output.WriteLine($"load average at start: {LoadAverage()}");
        var figures = await new CrashScenario(world, output.WriteLine).RunAsync(jobs, kills, finishTimeout, seed);
        output.WriteLine($"load average at end: {LoadAverage()}");

        Assert.True(figures.Problems.Count == 0, figures.ToString());
        Assert.Equal(kills, figures.Kills.Count);
        Assert.All(figures.Kills, k => Assert.Equal(137, k.ExitCode));
        Assert.Equal(CrashScenario.KillSteps.Take(Math.Min(kills, CrashScenario.KillSteps.Length)).Order(),
            figures.Kills.Select(k => k.Step).Distinct().Order());
        Assert.Equal(jobs, figures.Succeeded);
        Assert.Equal(0, figures.DuplicateLocations);
        Assert.Equal(0, figures.DuplicateUsers);
        Assert.Equal(0, figures.DuplicateCustomValues);
        Assert.Equal(0, figures.DuplicateStepEvents);
        Assert.Equal(0, figures.MissingStepEvents);
    }

    /// <summary>The machine's load (the wall time and restart figures depend on it more than on the code).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
