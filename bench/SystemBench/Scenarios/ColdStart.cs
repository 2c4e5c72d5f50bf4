using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Provisioner.TestSupport;

namespace Provisioner.Bench.SystemBench.Scenarios;

/// <summary>
/// Scenario 7: what <c>./provisioner up</c> does after its build, timed: AppHost launched from the Release output
/// (<c>dotnet AppHost.dll</c>, no build) until its state file shows every project Healthy (or Degraded: ready to serve,
/// as AppHost itself counts it) and the gateway's <c>/health</c> answers 200. PostgreSQL and RabbitMQ are the bench's,
/// already running (as on any day but the first). Run 1 meets empty databases (every migration runs); the later runs
/// reuse them, as a daily <c>up</c> does; the target applies to those. Each run is stopped with SIGTERM, as Ctrl+C does.
/// </summary>
internal sealed class ColdStart(ColdStart.Options options)
{
    internal sealed record Options(int Runs = 4, int TimeoutSeconds = 240);

    private static readonly string[] Projects = ["GhlSandbox", "AuthService", "ProvisioningService", "SnapshotAdvisor", "AuditService", "Web", "Gateway"];

    public async Task<ScenarioResult> RunAsync()
    {
        var root = TestEnvironment.RepositoryRoot;
        var missing = Projects.Prepend("AppHost").Select(p => Path.Combine(root, p, "bin", "Release", "net10.0", p + ".dll")).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Release build output missing ({string.Join(", ", missing)}): ./provisioner bench coldstart builds it.");
        }

        var prefix = $"coldstart_{Guid.NewGuid():N}"[..18] + "_";
        await using var broker = await TestVirtualHost.CreateAsync("bench-coldstart");
        var seconds = new List<double>();
        try
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                var elapsed = await StartOnceAsync(root, prefix, broker.AmqpUri);
                seconds.Add(elapsed);
                Console.WriteLine($"  run {run}{(run == 1 ? " (empty databases: migrations)" : string.Empty)}: every service healthy after {Stats.F(elapsed, 1)} s");
            }
        }
        finally
        {
            try
            {
                await DropDatabasesAsync(prefix);
            }
            catch (NpgsqlException error)
            {
                // Cleanup only: a failed drop must not hide the run's own error, and the bench data dir is thrown away.
                Console.WriteLine($"  (could not drop the {prefix}* databases: {error.Message})");
            }
        }

        var warm = seconds.Skip(1).ToList();
        var median = Stats.Percentile(warm, 50);
        var line = $"coldstart: AppHost launch to every service healthy: first {Stats.F(seconds[0], 1)} s (migrations), then median " +
                   $"{Stats.F(median, 1)} s, max {Stats.F(warm.Max(), 1)} s over {warm.Count} runs (target < 30 s); ratio={Stats.F(median / 30.0)}";
        return new ScenarioResult(line, median < 30);
    }

    private async Task<double> StartOnceAsync(string root, string prefix, Uri amqp)
    {
        var state = Path.Combine(Directory.CreateTempSubdirectory("coldstart-").FullName, "state.json");
        var ports = FreePorts(Projects.Length);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "AppHost", "bin", "Release", "net10.0", "AppHost.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var env = start.Environment;
        env["ConnectionStrings__postgres"] = TestEnvironment.PostgresConnectionString;
        env["ConnectionStrings__rabbitmq"] = amqp.ToString();
        env["AppHost__Console"] = "Plain";
        env["AppHost__BuildMissingProjects"] = "false";
        env["AppHost__StateFile"] = state;
        env["AppHost__DatabaseNamePrefix"] = prefix;
        string[] portKeys = ["GhlSandbox", "Auth", "Provisioning", "Advisor", "Audit", "Web", "Gateway"];
        for (var i = 0; i < portKeys.Length; i++)
        {
            env[$"AppHost__Ports__{portKeys[i]}"] = ports[i].ToString(CultureInfo.InvariantCulture);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var gatewayHealth = new Uri($"http://127.0.0.1:{ports[^1]}/health");
        try
        {
            while (!await ReadyAsync(state, http, gatewayHealth))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"AppHost exited with {process.ExitCode} before every service was healthy.");
                }

                if (watch.Elapsed > TimeSpan.FromSeconds(options.TimeoutSeconds))
                {
                    throw new TimeoutException($"Not every service was healthy after {options.TimeoutSeconds} s.");
                }

                await Task.Delay(100);
            }

            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(Path.GetDirectoryName(state)!, recursive: true);
        }
    }

    private static async Task<bool> ReadyAsync(string stateFile, HttpClient http, Uri gatewayHealth)
    {
        if (!File.Exists(stateFile))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(stateFile));
            var projects = document.RootElement.GetProperty("resources").EnumerateArray()
                .Where(r => r.GetProperty("kind").GetString() == "project")
                .Select(r => r.GetProperty("state").GetString())
                .ToList();
            if (projects.Count < Projects.Length || projects.Any(s => s is not ("Healthy" or "Degraded")))
            {
                return false;
            }

            using var health = await http.GetAsync(gatewayHealth);
            return health.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception error) when (error is IOException or JsonException or HttpRequestException or TaskCanceledException or KeyNotFoundException)
        {
            return false; // written while read, or not listening yet
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static async Task DropDatabasesAsync(string prefix)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = prefix });
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
