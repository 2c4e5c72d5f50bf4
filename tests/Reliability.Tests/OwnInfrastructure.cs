using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// A PostgreSQL and a RabbitMQ of the test's own (<c>scripts/services.sh</c> with a temporary <c>BASE</c> and free
/// ports), for scenarios that stop and start them: the shared test servers must never be stopped, other test runs use
/// them. Stopped and deleted on dispose.
/// </summary>
internal sealed class OwnInfrastructure : IAsyncDisposable
{
    private const string User = "app";
    private const string Password = "app";
    // rmq-start after a kill took over 4 min at a load average of 190 (each rabbitmqctl call boots an Erlang VM).
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(8);

    private readonly string _base;
    private readonly int _pgPort;
    private readonly int _rmqPort;

    private OwnInfrastructure(string @base, int pgPort, int rmqPort)
    {
        _base = @base;
        _pgPort = pgPort;
        _rmqPort = rmqPort;
    }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={_pgPort};Username={User};Password={Password};Database=postgres;Pooling=false";

    /// <summary><c>amqp://app:app@127.0.0.1:port/</c> (the default virtual host: the broker is this test's alone).</summary>
    public Uri AmqpUri => new($"amqp://{User}:{Password}@127.0.0.1:{_rmqPort}/");

    public string Describe() => $"PostgreSQL 127.0.0.1:{_pgPort}, RabbitMQ 127.0.0.1:{_rmqPort} (+1..+3), BASE {_base}";

    /// <summary>Starts both servers on free ports (RabbitMQ also needs the three ports after its own).</summary>
    public static async Task<OwnInfrastructure> StartAsync()
    {
        // Below the kernel's ephemeral range, from a random point (TestSupport's LoopbackPorts): concurrent runs spread out
        // and no outgoing connection takes a port between the probe and the servers' bind.
        var rmqPort = LoopbackPorts.ReserveRange(4);
        var pgPort = LoopbackPorts.Reserve();
        var @base = Path.Combine(Path.GetTempPath(), $"provisioner-outage-{Guid.NewGuid():N}"[..32]);
        var infrastructure = new OwnInfrastructure(@base, pgPort, rmqPort);
        try
        {
            await infrastructure.RunAsync("start");
            return infrastructure;
        }
        catch
        {
            await infrastructure.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of the broker (the script's fast stop); its queues and persistent messages are on disk.</summary>
    public Task StopBrokerAsync() => RunAsync("rmq-kill");

    public Task StartBrokerAsync() => RunAsync("rmq-start");

    /// <summary><c>pg_ctl stop -m fast</c>: open sessions are cut (57P01), new connections refused.</summary>
    public Task StopDatabaseAsync() => RunAsync("pg-stop");

    public Task StartDatabaseAsync() => RunAsync("pg-start");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync("stop");
        }
        finally
        {
            if (Directory.Exists(_base))
            {
                Directory.Delete(_base, recursive: true);
            }
        }
    }

    private async Task RunAsync(string command)
    {
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "services.sh");
        var start = new ProcessStartInfo(script, command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Our own BASE and ports, stated in full: the test run's variables point at the shared servers.
        start.Environment["BASE"] = _base;
        start.Environment["PG_PORT"] = _pgPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RMQ_PORT"] = _rmqPort.ToString(CultureInfo.InvariantCulture);
        foreach (var key in new[] { "RMQ_DIST_PORT", "RMQ_EPMD_PORT", "RMQ_MGMT_PORT", "PG_EXTRA_OPTS" })
        {
            start.Environment.Remove(key);
        }

        // Not a ChildProcess: the script starts daemons, and only its own exit is waited for, never the end of its output.
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"services.sh {command} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"services.sh {command} took over {ScriptTimeout.TotalSeconds:0} s ({Describe()}).");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"services.sh {command} exited {process.ExitCode} ({Describe()}):\n{await stdout}\n{await stderr}");
        }
    }
}
