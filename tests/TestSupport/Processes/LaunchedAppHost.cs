using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Provisioner.TestSupport.Processes;

/// <summary>
/// The whole system started the way <c>./provisioner up</c> does: AppHost from its build output as a child process,
/// against the test PostgreSQL/RabbitMQ, on free ports, with its own state file, database prefix, RabbitMQ virtual host
/// and an environment marker every descendant inherits, so that dispose leaves no process, database or virtual host
/// behind even after a failed run. AppHost.Tests' <c>AppHostRun</c> and Portal.EndToEnd.Tests' <c>SystemRun</c> are
/// this with their own <see cref="AppHostLaunch"/>.
/// </summary>
public sealed class LaunchedAppHost : IAsyncDisposable
{
    /// <summary>The projects AppHost runs (itself first); each must have been built, AppHost here builds nothing.</summary>
    public static readonly IReadOnlyList<string> Projects =
        ["AppHost", "GhlSandbox", "AuthService", "ProvisioningService", "SnapshotAdvisor", "AuditService", "Web", "Gateway"];

    /// <summary>AppHost's <c>AppHost:Ports:X</c> key of each service project.</summary>
    private static readonly Dictionary<string, string> PortKeys = new(StringComparer.Ordinal)
    {
        ["GhlSandbox"] = "GhlSandbox",
        ["AuthService"] = "Auth",
        ["ProvisioningService"] = "Provisioning",
        ["SnapshotAdvisor"] = "Advisor",
        ["AuditService"] = "Audit",
        ["Web"] = "Web",
        ["Gateway"] = "Gateway",
    };

    private readonly ChildProcess _process;
    private readonly string _directory;
    private readonly TestVirtualHost _virtualHost;
    private readonly AppHostLaunch _launch;

    private LaunchedAppHost(
        ChildProcess process, string directory, TestVirtualHost virtualHost, AppHostLaunch launch, string marker,
        string databasePrefix, IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
        _directory = directory;
        _virtualHost = virtualHost;
        _launch = launch;
        Marker = marker;
        DatabasePrefix = databasePrefix;
        Ports = ports;
    }

    public string Marker { get; }

    /// <summary>When AppHost was launched.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public string DatabasePrefix { get; }

    /// <summary>Each service project's port (GhlSandbox, AuthService, …, Gateway).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    public string StateFilePath => Path.Combine(_directory, "state.json");

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything AppHost printed (it prefixes every child's line with the child's name).</summary>
    public string Output => _process.Output;

    public static async Task<LaunchedAppHost> StartAsync(AppHostLaunch launch)
    {
        var missing = Projects.Select(ChildProcess.ProjectDll).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Build output missing: {string.Join(", ", missing)}. These tests build nothing: run dotnet build Provisioner.sln -c {ChildProcess.Configuration} first.");
        }

        var marker = Guid.NewGuid().ToString("N");
        var databasePrefix = $"{launch.DatabaseLabel}_{marker[..8]}_";
        var directory = Directory.CreateTempSubdirectory(launch.Label + "-").FullName;
        // Services name queues after their consumers: on the shared test broker's default virtual host another test's
        // ProvisioningService would take this system's saga messages (and the other way round).
        var virtualHost = await TestVirtualHost.CreateAsync(launch.Label);
        var ports = Projects.Skip(1).Zip(LoopbackPorts.Reserve(Projects.Count - 1)).ToDictionary(p => p.First, p => p.Second);
        var start = new ProcessStartInfo("dotnet", [ChildProcess.ProjectDll("AppHost")]) { WorkingDirectory = TestEnvironment.RepositoryRoot };
        var env = start.Environment;
        env[launch.MarkerVariable] = marker;
        env["ConnectionStrings__postgres"] = TestEnvironment.PostgresConnectionString;
        env["ConnectionStrings__rabbitmq"] = virtualHost.AmqpUri.ToString();
        env["AppHost__Console"] = "Plain";
        env["AppHost__BuildMissingProjects"] = "false";
        env["AppHost__StateFile"] = Path.Combine(directory, "state.json");
        env["AppHost__DatabaseNamePrefix"] = databasePrefix;
        env["AppHost__Restart__InitialDelaySeconds"] = "0.5";
        // Inherited by the gateway (not a launcher setting): its 5 s default for the session/API key exchange was seen
        // to expire on a loaded machine (503) before AuthService answered its first exchange.
        env["TokenExchangeOptions__Timeout"] = "00:00:30";
        // Likewise the gateway's 2 s per backend in its aggregate /health (kept under AppHost's 5 s probe timeout).
        env["GatewayOptions__HealthTimeout"] = "00:00:04";
        foreach (var (project, port) in ports)
        {
            env["AppHost__Ports__" + PortKeys[project]] = port.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in launch.Settings)
        {
            env[key] = value;
        }

        var process = ChildProcess.Start(start);
        return new LaunchedAppHost(process, directory, virtualHost, launch, marker, databasePrefix, ports);
    }

    /// <summary>The last lines each named resource printed (AppHost prefixes every child's line with its name).</summary>
    public string Tail(IEnumerable<string> names, int lines = 25)
    {
        var all = Output.Split('\n');
        return string.Join('\n', names.Select(name =>
            $"--- {name} (last lines) ---\n" + string.Join('\n', all.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).TakeLast(lines))));
    }

    /// <summary>Sends a POSIX signal (INT, TERM) to AppHost the way a terminal or a service manager would.</summary>
    public void Signal(string signal) => _process.Signal(signal);

    /// <summary>Waits for AppHost to exit; on a timeout the failure carries its last output lines, which say what it waited for.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException timedOut)
        {
            var tail = string.Join('\n', Output.Split('\n').TakeLast(60));
            throw new TimeoutException($"AppHost did not exit within {timeout.TotalSeconds:0} s. Its last output:\n{tail}", timedOut);
        }
    }

    /// <summary>Every live process whose environment carries this run's marker.</summary>
    public IReadOnlyList<int> MarkedProcesses() => MarkedProcesses(_launch.MarkerVariable, Marker);

    /// <summary>Every live process whose environment carries <c>{variable}={marker}</c>.</summary>
    public static IReadOnlyList<int> MarkedProcesses(string variable, string marker)
    {
        var needle = Encoding.UTF8.GetBytes($"{variable}={marker}");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                // A zombie (exited, not yet reaped) reads as an empty environment, so only live processes match.
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process exited while we looked: it is not left over.
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process cannot carry our marker.
                continue;
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();

        // A failed run may leave marked processes: kill them so a red test does not poison the machine.
        foreach (var pid in MarkedProcesses())
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Exited on its own meanwhile.
                continue;
            }
        }

        Directory.Delete(_directory, recursive: true);
        await DropDatabasesAsync();
        await _virtualHost.DisposeAsync();
    }

    private async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _launch.Databases)
        {
            // Retried as TestDatabase's own: an autovacuum worker of the superuser may hold the database a moment (42501).
            await TestDatabase.DropAsync(DatabasePrefix + name);
        }
    }
}
