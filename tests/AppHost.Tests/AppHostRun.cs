using Provisioner.AppHost.State;
using Provisioner.ServiceDefaults;
using Provisioner.TestSupport.Processes;

namespace Provisioner.AppHost.Tests;

/// <summary>
/// AppHost started from its build output as a child process (TestSupport's <see cref="LaunchedAppHost"/>: free ports,
/// its own state file, database prefix, RabbitMQ virtual host and an environment marker every descendant inherits).
/// The sandbox approves the first agency at once (a cookie jar can connect it) and loads snapshots in a second.
/// </summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    public const string MarkerVariable = "PROVISIONER_APPHOST_TEST_MARKER";

    private static readonly AppHostLaunch Launch = new()
    {
        MarkerVariable = MarkerVariable,
        DatabaseLabel = "smoke",
        Label = "apphost-smoke",
        Databases = [ResourceNames.AuthDb, ResourceNames.ProvisioningDb, ResourceNames.AdvisorDb, ResourceNames.AuditDb, ResourceNames.GhlRateBudget],
        Settings = new Dictionary<string, string>
        {
            // On the shared 2-core machine a service has been seen to need over 120 s to start (migrations, JIT, load
            // average above 50): a longer health timeout avoids a restart that would only make it slower.
            ["AppHost__HealthTimeoutSeconds"] = "240",
            ["AppHost__GhlSandbox__AutoApprove"] = "true",
            ["AppHost__GhlSandbox__SnapshotLoadDuration"] = "00:00:01",
        },
    };

    private readonly LaunchedAppHost _system;

    private AppHostRun(LaunchedAppHost system) => _system = system;

    public string Marker => _system.Marker;

    /// <summary>When AppHost was launched.</summary>
    public DateTimeOffset StartedAt => _system.StartedAt;

    public string DatabasePrefix => _system.DatabasePrefix;

    public IReadOnlyDictionary<string, int> Ports => _system.Ports;

    public string StateFilePath => _system.StateFilePath;

    public int Pid => _system.Pid;

    public bool HasExited => _system.HasExited;

    public int ExitCode => _system.ExitCode;

    public string Output => _system.Output;

    public string GatewayUrl => $"http://127.0.0.1:{Ports["Gateway"]}";

    public string SandboxUrl => $"http://127.0.0.1:{Ports["GhlSandbox"]}";

    public static async Task<AppHostRun> StartAsync() => new(await LaunchedAppHost.StartAsync(Launch));

    public StateDocument? ReadState() => StateFile.Read(StateFilePath);

    /// <summary>Sends a POSIX signal (INT, TERM) the way a terminal or a service manager would.</summary>
    public void Signal(string signal) => _system.Signal(signal);

    public Task WaitForExitAsync(TimeSpan timeout) => _system.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    /// <summary>Every live process whose environment carries the marker (AppHost passes its environment down).</summary>
    public static IReadOnlyList<int> MarkedProcesses(string marker) => LaunchedAppHost.MarkedProcesses(MarkerVariable, marker);
}
