using System.Net.Http.Json;
using Provisioner.AppHost.State;
using Provisioner.ServiceDefaults;
using Provisioner.ServiceDefaults.Health;
using Provisioner.TestSupport;

namespace Provisioner.AppHost.Tests;

/// <summary>
/// The whole system: AppHost (built dll) starts every service against the test PostgreSQL/RabbitMQ, they all turn
/// healthy, a crashed one comes back, and a signal leaves no process behind.
/// </summary>
public sealed class AppHostTests
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(180);
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly string[] Services =
        [ResourceNames.GhlSandbox, ResourceNames.Auth, ResourceNames.Provisioning, ResourceNames.Advisor, ResourceNames.Audit, ResourceNames.Web, ResourceNames.Gateway];

    [Fact]
    public async Task Run_ServiceKilledThenSigint_RestartsItThenStopsEveryChild()
    {
        await using var run = AppHostRun.Start();
        var state = await WaitUntilAllHealthyAsync(run);
        await AssertGatewayHealthyAsync(run);
        var audit = state.Resources.Single(r => r.Name == ResourceNames.Audit);
        AssertAuditEnvironment(run, ReadEnvironment(audit.Pid!.Value));

        System.Diagnostics.Process.GetProcessById(audit.Pid.Value).Kill();
        var restarted = await Eventually.GetAsync(
            () => Task.FromResult(run.ReadState()?.Resources.Single(r => r.Name == ResourceNames.Audit)),
            r => r is { State: "Healthy", Restarts: >= 1 } && r.Pid != audit.Pid,
            StartupDeadline, "audit to be restarted and healthy");
        Assert.Contains(restarted!.Pid!.Value, AppHostRun.MarkedProcesses(run.Marker));

        await StopAndAssertNothingLeftAsync(run, "INT");
    }

    [Fact]
    public async Task Run_SigtermWhileServicesStart_StopsEveryChildAndRemovesTheState()
    {
        await using var run = AppHostRun.Start();
        // Signal as soon as a few children run: stopping mid-start (some starting, some waiting) must leave nothing.
        await Eventually.TrueAsync(
            () => Task.FromResult(run.ReadState()?.ChildPids.Count >= 2 || run.HasExited),
            StartupDeadline, "AppHost to start its first children");
        Assert.False(run.HasExited, $"AppHost exited early.\n{run.Output}");

        await StopAndAssertNothingLeftAsync(run, "TERM", expectAllRunning: false);
    }

    private static async Task StopAndAssertNothingLeftAsync(AppHostRun run, string signal, bool expectAllRunning = true)
    {
        var state = run.ReadState()!;
        var running = state.Resources.Select(r => r.Pid).OfType<int>().ToList();
        Assert.True(!expectAllRunning || running.Count == Services.Length, $"expected every service to run: {running.Count}");
        Assert.NotEmpty(running);
        // The marker must be visible in the children, or the emptiness checked below would prove nothing.
        Assert.All(running, pid => Assert.Contains(pid, AppHostRun.MarkedProcesses(run.Marker)));

        run.Signal(signal);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, $"AppHost exited with {run.ExitCode}.\n{run.Output}");
        Assert.Empty(AppHostRun.MarkedProcesses(run.Marker));
        Assert.All(state.ChildPids, pid => Assert.False(
            LeftoverProcesses.IsAlive(pid) && LeftoverProcesses.CommandLine(pid).Contains(".dll", StringComparison.Ordinal),
            $"child {pid} still runs"));
        Assert.False(File.Exists(run.StateFilePath), "the state file must be removed on exit");
    }

    private static void AssertAuditEnvironment(AppHostRun run, Dictionary<string, string> environment)
    {
        Assert.Equal($"http://127.0.0.1:{run.Ports["AuditService"]}", environment["ASPNETCORE_URLS"]);
        Assert.Equal(ResourceNames.Audit, environment["OTEL_SERVICE_NAME"]);
        Assert.Contains($"Database={run.DatabasePrefix}{ResourceNames.AuditDb}", environment["ConnectionStrings__auditdb"], StringComparison.Ordinal);
        Assert.Equal($"http://127.0.0.1:{run.Ports["Gateway"]}", environment["services__gateway__http__0"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__postgres"), "the admin connection string must not reach services");
        Assert.False(environment.ContainsKey("GhlClientOptions__ClientSecret"), "audit does not call GHL and gets no secret");
    }

    private static async Task<StateDocument> WaitUntilAllHealthyAsync(AppHostRun run)
    {
        try
        {
            return (await Eventually.GetAsync(
                () =>
                {
                    Assert.False(run.HasExited, $"AppHost exited early.\n{run.Output}");
                    return Task.FromResult(run.ReadState());
                },
                s => s is not null && Services.All(name => s.Resources.Any(r => r.Name == name && r.State == "Healthy")),
                StartupDeadline,
                "every service healthy in the state file"))!;
        }
        catch (TimeoutException e)
        {
            var states = string.Join(", ", run.ReadState()?.Resources.Select(r => $"{r.Name}={r.State}") ?? ["no state file"]);
            var notReady = run.ReadState()?.Resources.Where(r => r.State != "Healthy" && r.Kind == "project").Select(r => r.Name) ?? [];
            var lines = run.Output.Split('\n');
            var tails = notReady.Append("apphost").Select(name =>
                $"--- {name} (last lines) ---\n" + string.Join('\n', lines.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).TakeLast(25)));
            throw new TimeoutException($"{e.Message}\nStates: {states}\n{string.Join('\n', tails)}", e);
        }
    }

    /// <summary>The gateway's /health (the aggregate of every service once the gateway has it) must say Healthy.</summary>
    private static async Task AssertGatewayHealthyAsync(AppHostRun run)
    {
        var health = await Http.GetFromJsonAsync<HealthResponse>($"http://127.0.0.1:{run.Ports["Gateway"]}{HealthEndpoints.HealthPath}", HealthJson.Options);
        Assert.Equal("Healthy", health?.Status);
        foreach (var service in Services.Where(s => s != ResourceNames.Gateway))
        {
            var port = run.ReadState()!.Resources.Single(r => r.Name == service).Port;
            var own = await Http.GetFromJsonAsync<HealthResponse>($"http://127.0.0.1:{port}{HealthEndpoints.HealthPath}", HealthJson.Options);
            Assert.Equal("Healthy", own?.Status);
        }
    }

    private static Dictionary<string, string> ReadEnvironment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
}
