using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Npgsql;
using Provisioner.AppHost.State;
using Provisioner.ServiceDefaults;
using Provisioner.TestSupport;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole system, started the way <c>./provisioner up</c> does: AppHost from its build output as a child process,
/// against the test PostgreSQL/RabbitMQ, on free ports, with its own state file, database prefix, RabbitMQ virtual host
/// and an environment marker every descendant inherits (so a failed run leaves no process behind).
/// Unlike AppHost.Tests' run, the sandbox does NOT approve at once: the browser clicks through its consent page.
/// </summary>
internal sealed class SystemRun : IAsyncDisposable
{
    public const string MarkerVariable = "PROVISIONER_PORTAL_E2E_MARKER";

    private static readonly string[] Projects =
        ["AppHost", "GhlSandbox", "AuthService", "ProvisioningService", "SnapshotAdvisor", "AuditService", "Web", "Gateway"];

    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly string _directory;
    private readonly TestVirtualHost _virtualHost;

    private SystemRun(Process process, string directory, TestVirtualHost virtualHost, string marker, string databasePrefix, IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
        _directory = directory;
        _virtualHost = virtualHost;
        Marker = marker;
        DatabasePrefix = databasePrefix;
        Ports = ports;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Marker { get; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public string DatabasePrefix { get; }

    public IReadOnlyDictionary<string, int> Ports { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public Uri GatewayUrl => new($"http://127.0.0.1:{Ports["Gateway"]}/");

    public Uri SandboxUrl => new($"http://127.0.0.1:{Ports["GhlSandbox"]}/");

    /// <summary>The connection string of one service's database (e.g. <see cref="ResourceNames.AuthDb"/>).</summary>
    public string ConnectionStringOf(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = DatabasePrefix + database }.ConnectionString;

    public static async Task<SystemRun> StartAsync()
    {
        var root = TestEnvironment.RepositoryRoot;
        var configuration = typeof(SystemRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var missing = Projects.Select(p => Path.Combine(root, p, "bin", configuration, "net10.0", p + ".dll")).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Build output missing: {string.Join(", ", missing)}. These tests build nothing: run dotnet build Provisioner.sln -c {configuration} first.");
        }

        var marker = Guid.NewGuid().ToString("N");
        var databasePrefix = $"e2e_{marker[..8]}_";
        var directory = Directory.CreateTempSubdirectory("portal-e2e-").FullName;
        // Services name queues after their consumers: on the shared broker's default virtual host another system's
        // ProvisioningService would take this system's saga messages.
        var virtualHost = await TestVirtualHost.CreateAsync("portal-e2e");
        var ports = Projects.Skip(1).Zip(FreePorts(7)).ToDictionary(p => p.First, p => p.Second);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "AppHost", "bin", configuration, "net10.0", "AppHost.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var env = start.Environment;
        env[MarkerVariable] = marker;
        env["ConnectionStrings__postgres"] = TestEnvironment.PostgresConnectionString;
        env["ConnectionStrings__rabbitmq"] = virtualHost.AmqpUri.ToString();
        env["AppHost__Console"] = "Plain";
        env["AppHost__BuildMissingProjects"] = "false";
        env["AppHost__StateFile"] = Path.Combine(directory, "state.json");
        env["AppHost__DatabaseNamePrefix"] = databasePrefix;
        env["AppHost__Restart__InitialDelaySeconds"] = "0.5";
        // Services were seen to need over 240 s to answer /health under a load average of 150 (restarting them only slowed
        // the start further): AppHost waits as long as the fixture does.
        env["AppHost__HealthTimeoutSeconds"] = "600";
        // The consent page is part of what these tests drive (issue #9): no auto-approval.
        env["AppHost__GhlSandbox__AutoApprove"] = "false";
        env["AppHost__GhlSandbox__SnapshotLoadDuration"] = "00:00:02";
        // Inherited by the gateway: its 5 s default for the session/API key exchange expired on a loaded machine (503).
        env["TokenExchangeOptions__Timeout"] = "00:00:30";
        env["GatewayOptions__HealthTimeout"] = "00:00:04";
        env["AppHost__Ports__GhlSandbox"] = Port(ports, "GhlSandbox");
        env["AppHost__Ports__Auth"] = Port(ports, "AuthService");
        env["AppHost__Ports__Provisioning"] = Port(ports, "ProvisioningService");
        env["AppHost__Ports__Advisor"] = Port(ports, "SnapshotAdvisor");
        env["AppHost__Ports__Audit"] = Port(ports, "AuditService");
        env["AppHost__Ports__Web"] = Port(ports, "Web");
        env["AppHost__Ports__Gateway"] = Port(ports, "Gateway");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        return new SystemRun(process, directory, virtualHost, marker, databasePrefix, ports);
    }

    public StateDocument? ReadState() => StateFile.Read(Path.Combine(_directory, "state.json"));

    /// <summary>The last lines each named resource printed (AppHost prefixes every child's line with its name).</summary>
    public string Tail(IEnumerable<string> names, int lines = 25)
    {
        var all = Output.Split('\n');
        return string.Join('\n', names.Select(name =>
            $"--- {name} (last lines) ---\n" + string.Join('\n', all.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).TakeLast(lines))));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // Anything still carrying this run's marker is ours: kill it so a red run does not poison the machine.
        foreach (var pid in MarkedProcesses(Marker))
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

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
        await DropDatabasesAsync();
        await _virtualHost.DisposeAsync();
    }

    private static IReadOnlyList<int> MarkedProcesses(string marker)
    {
        var needle = Encoding.UTF8.GetBytes($"{MarkerVariable}={marker}");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId || !LeftoverProcesses.IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process exited while we looked.
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

    private async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        foreach (var name in new[] { ResourceNames.AuthDb, ResourceNames.ProvisioningDb, ResourceNames.AdvisorDb, ResourceNames.AuditDb, ResourceNames.GhlRateBudget })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabasePrefix}{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string Port(Dictionary<string, int> ports, string name) => ports[name].ToString(CultureInfo.InvariantCulture);

    private static int[] FreePorts(int count)
    {
        // Hold all listeners until every port is chosen, so the same free port is not handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
