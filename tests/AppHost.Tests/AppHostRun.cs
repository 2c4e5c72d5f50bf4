using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Npgsql;
using Provisioner.AppHost.State;
using Provisioner.ServiceDefaults;
using Provisioner.TestSupport;

namespace Provisioner.AppHost.Tests;

/// <summary>
/// AppHost started from its build output as a child process, against the test PostgreSQL/RabbitMQ, on free ports,
/// with its own state file, database prefix, RabbitMQ virtual host and an environment marker every descendant inherits.
/// The sandbox approves the first agency at once (a cookie jar can connect it) and loads snapshots in a second.
/// </summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    public const string MarkerVariable = "PROVISIONER_APPHOST_TEST_MARKER";

    private static readonly string[] Projects =
        ["AppHost", "GhlSandbox", "AuthService", "ProvisioningService", "SnapshotAdvisor", "AuditService", "Web", "Gateway"];

    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly string _directory;
    private readonly TestVirtualHost _virtualHost;

    private AppHostRun(
        Process process, string directory, TestVirtualHost virtualHost, string marker, string databasePrefix, IReadOnlyDictionary<string, int> ports)
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

    /// <summary>When AppHost was launched.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public string DatabasePrefix { get; }

    public IReadOnlyDictionary<string, int> Ports { get; }

    public string StateFilePath => Path.Combine(_directory, "state.json");

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

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

    public string GatewayUrl => $"http://127.0.0.1:{Ports["Gateway"]}";

    public string SandboxUrl => $"http://127.0.0.1:{Ports["GhlSandbox"]}";

    public static async Task<AppHostRun> StartAsync()
    {
        var root = TestEnvironment.RepositoryRoot;
        var configuration = typeof(AppHostRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var missing = Projects.Select(p => Path.Combine(root, p, "bin", configuration, "net10.0", p + ".dll")).Where(p => !File.Exists(p)).ToList();
        Assert.True(missing.Count == 0,
            $"Build output missing: {string.Join(", ", missing)}. The smoke test builds nothing: run dotnet build Provisioner.sln -c {configuration} first.");

        var marker = Guid.NewGuid().ToString("N");
        var databasePrefix = $"smoke_{marker[..8]}_";
        var directory = Directory.CreateTempSubdirectory("apphost-smoke-").FullName;
        // Services name queues after their consumers: on the shared test broker's default virtual host another test's
        // ProvisioningService would take this system's saga messages (and the other way round).
        var virtualHost = await TestVirtualHost.CreateAsync("apphost-smoke");
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
        // On the shared 2-core machine a service has been seen to need over 120 s to start (migrations, JIT, load
        // average above 50): a longer health timeout avoids a restart that would only make it slower.
        env["AppHost__HealthTimeoutSeconds"] = "240";
        env["AppHost__GhlSandbox__AutoApprove"] = "true";
        env["AppHost__GhlSandbox__SnapshotLoadDuration"] = "00:00:01";
        // Inherited by the gateway (not a launcher setting): its 5 s default for the API key exchange was seen to
        // expire on a loaded machine (503) before AuthService answered its first exchange.
        env["TokenExchangeOptions__Timeout"] = "00:00:30";
        // Likewise the gateway's 2 s per backend in its aggregate /health (kept under AppHost's 5 s probe timeout).
        env["GatewayOptions__HealthTimeout"] = "00:00:04";
        env["AppHost__Ports__GhlSandbox"] = ports["GhlSandbox"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AppHost__Ports__Auth"] = ports["AuthService"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AppHost__Ports__Provisioning"] = ports["ProvisioningService"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AppHost__Ports__Advisor"] = ports["SnapshotAdvisor"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AppHost__Ports__Audit"] = ports["AuditService"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AppHost__Ports__Web"] = ports["Web"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AppHost__Ports__Gateway"] = ports["Gateway"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        return new AppHostRun(process, directory, virtualHost, marker, databasePrefix, ports);
    }

    public StateDocument? ReadState() => StateFile.Read(StateFilePath);

    /// <summary>Sends a POSIX signal (INT, TERM) the way a terminal or a service manager would.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // A failed run may leave marked processes: kill them so a red test does not poison the machine.
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

    /// <summary>Every live process whose environment carries the marker (AppHost passes its environment down).</summary>
    public static IReadOnlyList<int> MarkedProcesses(string marker)
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
