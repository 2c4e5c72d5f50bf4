using System.Globalization;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// CPU used by the bench's PostgreSQL and RabbitMQ, read from <c>/proc</c>: <c>./provisioner bench</c> names their root
/// processes in <c>PROVISIONER_BENCH_SERVER_PIDS</c> ("postmaster rabbit"), and each root's whole process tree is summed
/// (PostgreSQL runs a process per connection). Without the variable, or off Linux, every figure is null.
/// </summary>
internal static class ServerCpu
{
    /// <summary>Linux reports process times in USER_HZ ticks, 100 per second on every architecture .NET runs on.</summary>
    private const double MsPerTick = 10;

    public static ServerCpuSample Sample()
    {
        var roots = (Environment.GetEnvironmentVariable("PROVISIONER_BENCH_SERVER_PIDS") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var pid) ? pid : (int?)null)
            .ToArray();
        return new ServerCpuSample(TreeMs(roots.ElementAtOrDefault(0)), TreeMs(roots.ElementAtOrDefault(1)));
    }

    /// <summary>User + system time of <paramref name="root"/> and its descendants, including reaped children.</summary>
    private static double? TreeMs(int? root)
    {
        if (root is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        double ticks = 0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var next))
        {
            ticks += Ticks(next);
            foreach (var children in SafeFiles($"/proc/{next}/task", "children"))
            {
                foreach (var child in Read(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }

        return ticks * MsPerTick;
    }

    private static double Ticks(int pid)
    {
        // Fields after the ")" that closes the command name: state is 3rd, utime 14th … cstime 17th (1-based in proc(5)).
        var stat = Read($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length < 15 ? 0 : fields[11..15].Sum(f => double.Parse(f, CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string> SafeFiles(string taskDirectory, string name)
    {
        try
        {
            return Directory.GetDirectories(taskDirectory).Select(d => Path.Combine(d, name)).ToArray();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>A process can exit between listing and reading: it then counts as nothing.</summary>
    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

/// <summary>PostgreSQL's and RabbitMQ's CPU so far, in milliseconds (null when unknown).</summary>
internal sealed record ServerCpuSample(double? PostgresMs, double? RabbitMqMs)
{
    public static ServerCpuSample operator -(ServerCpuSample after, ServerCpuSample before) =>
        new(after.PostgresMs - before.PostgresMs, after.RabbitMqMs - before.RabbitMqMs);
}
