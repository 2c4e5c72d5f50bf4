using System.Diagnostics;
using Provisioner.AppHost.State;
using Provisioner.TestSupport;

namespace Provisioner.AppHost.Tests;

public sealed class LeftoverProcessesTests
{
    [Fact]
    public async Task KillChildrenOf_RecordedChildNamingADllUnderTheRepository_IsKilled()
    {
        var root = "/tmp/leftover-" + Guid.NewGuid().ToString("N");
        using var child = StartSleeper($"{root}/Service/bin/Service.dll");

        var killed = LeftoverProcesses.KillChildrenOf(Document(root, child.Id));

        Assert.Equal([child.Id], killed);
        await Eventually.TrueAsync(() => Task.FromResult(child.HasExited), TimeSpan.FromSeconds(10), "the leftover child to exit");
    }

    [Fact]
    public void KillChildrenOf_PidNowUsedByAnUnrelatedProcess_LeavesItAlone()
    {
        using var unrelated = StartSleeper("unrelated-argument");
        try
        {
            var killed = LeftoverProcesses.KillChildrenOf(Document("/tmp/leftover-" + Guid.NewGuid().ToString("N"), unrelated.Id));

            Assert.Empty(killed);
            Assert.False(unrelated.HasExited);
        }
        finally
        {
            unrelated.Kill();
        }
    }

    private static StateDocument Document(string root, int pid) => new(int.MaxValue, DateTimeOffset.UtcNow, root, [], [pid]);

    /// <summary>
    /// A process whose command line carries <paramref name="marker"/>, like "dotnet X.dll". bash replaces itself with a
    /// lone command, so the marker becomes sleep's argv[0] ("exec -a") instead of bash's $0: otherwise the command line
    /// would lose it as soon as bash execs sleep, and the test would race that exec.
    /// </summary>
    private static Process StartSleeper(string marker) =>
        Process.Start(new ProcessStartInfo("bash", ["-c", "exec -a \"$0\" sleep 60", marker])) ?? throw new InvalidOperationException("bash did not start");
}
