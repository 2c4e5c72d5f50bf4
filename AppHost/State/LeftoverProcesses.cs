using System.Diagnostics;

namespace Provisioner.AppHost.State;

/// <summary>
/// Children of an AppHost that died without cleaning up (SIGKILL, power loss) still hold their ports. A new AppHost
/// kills them, but only processes whose command line still names a dll under the recorded repository: a pid may
/// have been reused by an unrelated process since.
/// </summary>
public static class LeftoverProcesses
{
    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Kills the recorded children that still run; returns the pids killed.</summary>
    public static IReadOnlyList<int> KillChildrenOf(StateDocument previous)
    {
        var killed = new List<int>();
        foreach (var pid in previous.ChildPids.Distinct())
        {
            var commandLine = CommandLine(pid);
            if (!IsAlive(pid) || !commandLine.Contains(previous.RepositoryRoot, StringComparison.Ordinal) || !commandLine.Contains(".dll", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
                killed.Add(pid);
            }
            catch (ArgumentException)
            {
                // Exited between the check and the kill: nothing left to do for this pid.
                continue;
            }
        }

        return killed;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) S ..." — the state letter follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
