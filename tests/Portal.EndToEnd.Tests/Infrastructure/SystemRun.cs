using Npgsql;
using Provisioner.AppHost.State;
using Provisioner.ServiceDefaults;
using Provisioner.TestSupport;
using Provisioner.TestSupport.Processes;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole system, started the way <c>./provisioner up</c> does (TestSupport's <see cref="LaunchedAppHost"/>: AppHost
/// from its build output, free ports, its own state file, database prefix, RabbitMQ virtual host and an environment
/// marker every descendant inherits, so a failed run leaves no process behind).
/// Unlike AppHost.Tests' run, the sandbox does NOT approve at once: the browser clicks through its consent page.
/// </summary>
internal sealed class SystemRun : IAsyncDisposable
{
    public const string MarkerVariable = "PROVISIONER_PORTAL_E2E_MARKER";

    private static readonly AppHostLaunch Launch = new()
    {
        MarkerVariable = MarkerVariable,
        DatabaseLabel = "e2e",
        Label = "portal-e2e",
        Databases = [ResourceNames.AuthDb, ResourceNames.ProvisioningDb, ResourceNames.AdvisorDb, ResourceNames.AuditDb, ResourceNames.GhlRateBudget],
        Settings = new Dictionary<string, string>
        {
            // Services were seen to need over 240 s to answer /health under a load average of 150 (restarting them only
            // slowed the start further): AppHost waits as long as the fixture does.
            ["AppHost__HealthTimeoutSeconds"] = "600",
            // The consent page is part of what these tests drive (issue #9): no auto-approval.
            ["AppHost__GhlSandbox__AutoApprove"] = "false",
            ["AppHost__GhlSandbox__SnapshotLoadDuration"] = "00:00:02",
        },
    };

    private readonly LaunchedAppHost _system;

    private SystemRun(LaunchedAppHost system) => _system = system;

    public string Marker => _system.Marker;

    public DateTimeOffset StartedAt => _system.StartedAt;

    public string DatabasePrefix => _system.DatabasePrefix;

    public IReadOnlyDictionary<string, int> Ports => _system.Ports;

    public bool HasExited => _system.HasExited;

    public string Output => _system.Output;

    public Uri GatewayUrl => new($"http://127.0.0.1:{Ports["Gateway"]}/");

    public Uri SandboxUrl => new($"http://127.0.0.1:{Ports["GhlSandbox"]}/");

    /// <summary>The connection string of one service's database (e.g. <see cref="ResourceNames.AuthDb"/>).</summary>
    public string ConnectionStringOf(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = DatabasePrefix + database }.ConnectionString;

    public static async Task<SystemRun> StartAsync() => new(await LaunchedAppHost.StartAsync(Launch));

    public StateDocument? ReadState() => StateFile.Read(_system.StateFilePath);

    /// <summary>The last lines each named resource printed (AppHost prefixes every child's line with its name).</summary>
    public string Tail(IEnumerable<string> names, int lines = 25) => _system.Tail(names, lines);

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}
