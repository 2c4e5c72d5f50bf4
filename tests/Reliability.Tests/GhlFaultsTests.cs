using Xunit.Abstractions;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Issue 11, scenario 4: GHL misbehaves (429 bursts, 20 % 5xx, 5 s latency spikes), access tokens expire every 30 s
/// and one agency's tokens, its refresh token included, are revoked mid-run. Every job must end Succeeded or Failed
/// within a bound, a Failed one with a precise error and — after an operator's cancel — its compensation recorded;
/// Succeeded ones must have the right sandbox state; nothing is duplicated. Both sizes run only with <c>--full</c>:
/// the default run has ScaleOutTests' reduced form, whose faults run asserts this same pass line.
/// </summary>
public sealed class GhlFaultsTests(ITestOutputHelper output)
{
    // Passed twice after the fixes of RELIABILITY.md section 4 (182 s at a load average of about 30; 535 s at about 95,
    // 455 s of it starting the world). Not in the default run: ScaleOutTests' reduced form, which is, runs the same
    // faults run (with two instances of each service) in one world, and the budget has room for one of them only.
    [Fact]
    [Trait("Category", "Full")]
    public Task Provision_GhlFaultsExpiryAndRevokedRefreshToken_EveryJobTerminalPreciseAndCompensated() =>
        RunAsync(jobs: 8, finishTimeout: TimeSpan.FromMinutes(4));

    // Full size (--full): passed at its first run on 2026-11-24 (476 s at a load average of 35-40).
    [Fact]
    [Trait("Category", "Full")]
    public Task Provision_FortyJobsUnderGhlFaults_EveryJobTerminalPreciseAndCompensated() =>
        RunAsync(jobs: 40, finishTimeout: TimeSpan.FromMinutes(10));

    private async Task RunAsync(int jobs, TimeSpan finishTimeout)
    {
        await using var world = await ScaleOutWorld.StartAsync(new ScaleOutWorldOptions
        {
            Instances = 1,
            AccessTokenLifetime = TimeSpan.FromSeconds(30),
        });
        output.WriteLine($"world healthy in {world.StartedIn.TotalSeconds:0.0} s; load average {GhlFaultsAssertions.LoadAverage()}");
        var figures = await new GhlFaultsScenario(world, output.WriteLine).RunAsync(new GhlFaultsPlan
        {
            Label = "faults",
            Jobs = jobs,
            Faults = true,
            RevokeAgency = SandboxSeed.Peak,
            FinishTimeout = finishTimeout,
        });
        output.WriteLine($"load average at end: {GhlFaultsAssertions.LoadAverage()}");

        GhlFaultsAssertions.AssertFaultRun(figures, revokedAgency: SandboxSeed.Peak);
    }
}

/// <summary>The pass line of scenario 4, shared by the single-instance and the scale-out runs.</summary>
internal static class GhlFaultsAssertions
{
    public static void AssertFaultRun(GhlFaultsFigures figures, string revokedAgency)
    {
        Assert.True(figures.Problems.Count == 0, figures.ToString());
        Assert.Equal(figures.Jobs.Count, figures.Succeeded + figures.Failed);
        Assert.Equal(0, figures.DuplicateLocations);
        Assert.Equal(0, figures.DuplicateUsers);
        Assert.Equal(0, figures.DuplicateCustomValues);
        Assert.Equal(0, figures.DuplicateStepEvents);
        Assert.Equal(0, figures.AuditDuplicates);
        Assert.Equal(0, figures.AuditMissing);

        // The faults did happen, and the revoked refresh token was presented and refused.
        Assert.NotNull(figures.RevokedAt);
        Assert.True(figures.Injected429 > 0 && figures.Injected5xx > 0, figures.ToString());
        Assert.True(figures.TokenGrantsRefused > 0, figures.ToString());

        // Each failed job: the revoked agency's say so; after the cancel each is Compensated or Cancelled (checked per job).
        Assert.All(figures.Jobs.Where(j => j.Status == "Failed" && j.Agency == revokedAgency),
            j => Assert.Contains("connect", j.Error, StringComparison.OrdinalIgnoreCase));
        Assert.All(figures.Jobs.Where(j => j.Status == "Failed"), j => Assert.Contains(j.AfterCancel, new[] { "Compensated", "Cancelled" }));
    }

    public static void AssertCleanRun(GhlFaultsFigures figures)
    {
        Assert.True(figures.Problems.Count == 0, figures.ToString());
        Assert.Equal(figures.Jobs.Count, figures.Succeeded);
        Assert.Equal(0, figures.DuplicateLocations);
        Assert.Equal(0, figures.DuplicateUsers);
        Assert.Equal(0, figures.DuplicateCustomValues);
        Assert.Equal(0, figures.DuplicateStepEvents);
        Assert.Equal(0, figures.AuditDuplicates);
        Assert.Equal(0, figures.AuditMissing);
    }

    /// <summary>The machine's load (wall times depend on it more than on the code).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
