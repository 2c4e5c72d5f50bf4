using System.Globalization;

namespace Provisioner.Bench.SystemBench;

/// <summary>
/// CPU seconds used so far by the bench's PostgreSQL and RabbitMQ: <c>PROVISIONER_BENCH_SERVER_PIDS</c> (set by
/// <c>./provisioner bench</c>) names their root processes; each root's own and reaped children's time plus its live
/// children's (PostgreSQL's backends) is summed from <c>/proc</c>. Null when the variable is unset (servers shared with
/// others: their CPU is not ours to count) or <c>/proc</c> is unreadable.
/// </summary>
internal static class ServerCpu
{
    public const string Variable = "PROVISIONER_BENCH_SERVER_PIDS";

    public static double? Seconds()
    {
        var roots = (Environment.GetEnvironmentVariable(Variable) ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(p => p > 0)
            .ToHashSet();
        if (roots.Count == 0)
        {
            return null;
        }

        try
        {
            var ticksPerSecond = 100.0; // USER_HZ on Linux
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
                {
                    continue;
                }

                if (roots.Contains(pid))
                {
                    ticks += stat.UTime + stat.STime + stat.CUTime + stat.CSTime;
                }
                else if (roots.Contains(stat.ParentPid))
                {
                    ticks += stat.UTime + stat.STime;
                }
            }

            return ticks / ticksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (int ParentPid, long UTime, long STime, long CUTime, long CSTime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }

        // Fields after the command name (which may hold spaces, inside parentheses): state ppid … utime(14) stime(15) cutime(16) cstime(17).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture),
            long.Parse(fields[13], CultureInfo.InvariantCulture), long.Parse(fields[14], CultureInfo.InvariantCulture));
    }
}
