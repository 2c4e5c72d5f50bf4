using Microsoft.Extensions.Configuration;
using Provisioner.AppHost.Infrastructure;
using Provisioner.AppHost.Model;
using Provisioner.AppHost.Output;
using Provisioner.AppHost.Processes;
using Provisioner.AppHost.State;
using Spectre.Console;

namespace Provisioner.AppHost;

/// <summary>
/// Runs the declared model: infrastructure, databases, then every project in dependency order under a supervisor,
/// until SIGINT/SIGTERM; then stops every child and removes the state file.
/// </summary>
public sealed class AppHostApplication(ResourceModel model, AppHostOptions options, IConfiguration configuration, AppHostPaths paths)
{
    private const string Self = "apphost";

    public async Task<int> RunAsync()
    {
        var board = new StatusBoard();
        using var logs = new LogFiles(paths.LogDirectory);
        var output = CreateOutput(board, logs);
        using var signals = new ShutdownSignals();
        using var renderingDone = new CancellationTokenSource();
        var rendering = output.RunAsync(renderingDone.Token);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var localServers = new LocalServers(paths, options.LocalServers, output);
        var state = new StateFile(paths.StateFile, paths.RepositoryRoot, board);
        var supervisors = new List<ProcessSupervisor>();
        string? error = null;
        var ownsStateFile = false;
        try
        {
            error = ClaimStateFile(output);
            ownsStateFile = error is null;
            if (ownsStateFile)
            {
                state.Attach();
                error = await StartAsync(board, output, localServers, new HealthWaiter(http), supervisors, signals.Stopping);
            }

            if (error is null)
            {
                await Task.Delay(Timeout.Infinite, signals.Stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                output.Log(Self, "stopping every service (Ctrl+C again to kill them now)");
            }
        }
        catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
        {
            output.Log(Self, "stopped while starting");
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or IOException)
        {
            error = e.Message;
        }
        finally
        {
            await using (signals.Forced.Register(() => supervisors.ForEach(s => s.Kill())))
            {
                await Task.WhenAll(supervisors.Select(s => s.StopAsync()));
            }

            await localServers.StopIfStartedHereAsync();
            if (ownsStateFile)
            {
                state.Remove();
            }

            await renderingDone.CancelAsync();
            await rendering;
        }

        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"apphost: {error}");
            return 1;
        }

        return 0;
    }

    private async Task<string?> StartAsync(
        StatusBoard board, IConsoleOutput output, LocalServers localServers, HealthWaiter health,
        List<ProcessSupervisor> supervisors, CancellationToken stopping)
    {
        var order = model.StartOrder();
        foreach (var project in order)
        {
            if (await PortCheck.IsInUseAsync(project.Port, stopping))
            {
                return $"port {project.Port} ({project.Name}) is already in use; stop what listens there or set AppHost:Ports.";
            }
        }

        var buildError = await new ProjectBinaries(paths, output).EnsureBuiltAsync(order, options.BuildMissingProjects, stopping);
        if (buildError is not null)
        {
            return buildError;
        }

        var infrastructure = await new InfrastructureStartup(model, configuration, localServers, board).StartAsync(stopping);
        var settings = new SupervisorSettings(
            options.Restart, TimeSpan.FromSeconds(options.HealthTimeoutSeconds), TimeSpan.FromSeconds(options.StopTimeoutSeconds));
        var parentEnvironment = Environment.GetEnvironmentVariables();
        foreach (var project in order)
        {
            var launch = ProcessLaunch.For(project, model, infrastructure, paths, parentEnvironment);
            var supervisor = new ProcessSupervisor(project, launch, settings, board, output, health);
            supervisor.Start(supervisors.Where(s => project.WaitsFor.Contains(s.Project)).ToList());
            supervisors.Add(supervisor);
        }

        output.Log(Self, $"started {supervisors.Count} services; state in {paths.StateFile}");
        return null;
    }

    /// <summary>One AppHost per state file; children a crashed AppHost left behind are killed first.</summary>
    private string? ClaimStateFile(IConsoleOutput output)
    {
        if (StateFile.Read(paths.StateFile) is not { } previous)
        {
            return null;
        }

        if (previous.Pid != Environment.ProcessId && LeftoverProcesses.IsAlive(previous.Pid)
            && LeftoverProcesses.CommandLine(previous.Pid).Contains("AppHost", StringComparison.Ordinal))
        {
            return $"an AppHost already runs (pid {previous.Pid}, state file {paths.StateFile}).";
        }

        var killed = LeftoverProcesses.KillChildrenOf(previous);
        output.Log(Self, killed.Count == 0
            ? "removed a stale state file"
            : $"killed {killed.Count} service process(es) left by a previous AppHost: {string.Join(", ", killed)}");
        return null;
    }

    private IConsoleOutput CreateOutput(StatusBoard board, LogFiles logs)
    {
        var live = options.Console switch
        {
            ConsoleMode.Live => true,
            ConsoleMode.Plain => false,
            _ => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive,
        };
        return live ? new LiveConsoleOutput(board, logs, AnsiConsole.Console) : new PlainConsoleOutput(board, logs, Console.Out);
    }
}
