using System.Collections;
using System.Globalization;
using CliWrap;
using Provisioner.AppHost.Model;
using Provisioner.AppHost.Output;

namespace Provisioner.AppHost.Processes;

/// <summary>
/// Runs one project: waits for its dependencies, starts it with the environment contract, waits for <c>/health</c>,
/// watches it, restarts it with backoff when it exits, and stops it (SIGINT, then a forced kill of the process tree)
/// when asked.
/// </summary>
public sealed class ProcessSupervisor(
    ProjectResource project,
    ProcessLaunch launch,
    SupervisorSettings settings,
    StatusBoard board,
    IConsoleOutput output,
    HealthWaiter health)
{
    private static readonly TimeSpan MonitorInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private CancellationTokenSource? _forceful;

    public ProjectResource Project => project;

    /// <summary>Completes the first time the project reports ready; dependents wait on it.</summary>
    public Task FirstReady => _firstReady.Task;

    public void Start(IReadOnlyList<ProcessSupervisor> dependencies)
    {
        board.Set(new ResourceStatus(project.Name, "project", ResourceState.Waiting, project.Url, project.Port,
            Detail: dependencies.Count == 0 ? null : "for " + string.Join(", ", dependencies.Select(d => d.Project.Name))));
        _run = Task.Run(() => RunAsync(dependencies));
    }

    /// <summary>Asks the process to stop (SIGINT), kills its tree after the stop timeout, and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    /// <summary>Kills the process tree now, without waiting for a graceful exit (a second Ctrl+C).</summary>
    public void Kill()
    {
        _stop.Cancel();
        try
        {
            Volatile.Read(ref _forceful)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between reading the field and cancelling: there is nothing left to kill.
            return;
        }
    }

    private async Task RunAsync(IReadOnlyList<ProcessSupervisor> dependencies)
    {
        await Task.WhenAll(dependencies.Select(d => d.FirstReady)).WaitAsync(_stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var backoff = new RestartBackoff(settings.Restart);
        var restarts = 0;
        while (!_stop.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            var exitCode = await RunOnceAsync(restarts);
            if (_stop.IsCancellationRequested)
            {
                break;
            }

            var delay = backoff.NextDelay(DateTime.UtcNow - started);
            restarts++;
            var why = exitCode is null ? "did not become healthy" : $"exited with code {exitCode}";
            output.Log("apphost", $"{project.Name} {why}; restart {restarts} in {delay.TotalSeconds:0.#} s");
            board.Update(project.Name, s => s with
            {
                State = ResourceState.Restarting, Pid = null, Restarts = restarts,
                Detail = $"{why}, again in {delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
            });
            await Task.Delay(delay, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        board.Update(project.Name, s => s with { State = ResourceState.Stopped, Pid = null, Detail = null });
    }

    /// <summary>One run of the process; returns its exit code, or null when it was killed for never becoming healthy.</summary>
    private async Task<int?> RunOnceAsync(int restarts)
    {
        using var forceful = new CancellationTokenSource();
        Volatile.Write(ref _forceful, forceful);
        // Graceful first (CliWrap sends SIGINT on the graceful token); the forced kill of the tree follows if it lingers.
        await using var escalate = _stop.Token.Register(() => forceful.CancelAfter(settings.StopTimeout));
        var command = Cli.Wrap("dotnet")
            .WithArguments([launch.Dll])
            .WithWorkingDirectory(launch.WorkingDirectory)
            .WithEnvironmentVariables(env =>
            {
                foreach (var (name, value) in launch.Environment)
                {
                    env.Set(name, value);
                }

                foreach (var name in launch.RemoveInherited)
                {
                    env.Set(name, null);
                }
            })
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => output.Log(project.Name, line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => output.Log(project.Name, line)));

        board.Update(project.Name, s => s with { State = ResourceState.Starting, Detail = null, Restarts = restarts });
        var task = command.ExecuteAsync(forceful.Token, _stop.Token);
        board.Update(project.Name, s => s with { Pid = task.ProcessId });
        var exited = ObserveExitAsync(task);

        var status = await health.WaitUntilReadyAsync(project.Url, exited, settings.HealthTimeout, _stop.Token);
        var becameReady = status is HealthStatus.Healthy or HealthStatus.Degraded;
        if (becameReady)
        {
            _firstReady.TrySetResult();
            await MonitorAsync(status, exited);
        }
        else if (!exited.IsCompleted && !_stop.IsCancellationRequested)
        {
            output.Log("apphost", $"{project.Name} not healthy after {settings.HealthTimeout.TotalSeconds:0} s (last: {status}); killing it");
            await forceful.CancelAsync();
        }

        if (_stop.IsCancellationRequested)
        {
            board.Update(project.Name, s => s with { State = ResourceState.Stopping, Detail = null });
        }

        return await exited;
    }

    /// <summary>Shows Healthy / Degraded / Unhealthy while the process runs.</summary>
    private async Task MonitorAsync(HealthStatus status, Task exited)
    {
        while (!exited.IsCompleted && !_stop.IsCancellationRequested)
        {
            var state = status switch
            {
                HealthStatus.Healthy => ResourceState.Healthy,
                HealthStatus.Degraded => ResourceState.Degraded,
                _ => ResourceState.Unhealthy,
            };
            board.Update(project.Name, s => s.State == state ? s : s with { State = state, Detail = null });
            await Task.WhenAny(exited, Task.Delay(MonitorInterval, _stop.Token));
            if (!exited.IsCompleted && !_stop.IsCancellationRequested)
            {
                status = await health.ProbeAsync(project.Url, _stop.Token);
            }
        }
    }

    /// <summary>The exit code, or null when CliWrap cancelled (and killed) the process.</summary>
    private static async Task<int?> ObserveExitAsync(CommandTask<CommandResult> task)
    {
        try
        {
            return (await task).ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}

/// <summary>How to start one project: its dll, its folder (the content root), and its environment.</summary>
public sealed record ProcessLaunch(
    string Dll,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> RemoveInherited)
{
    public static ProcessLaunch For(ProjectResource project, ResourceModel model, InfrastructureEndpoints infrastructure, AppHostPaths paths, IDictionary parentEnvironment)
    {
        var environment = EnvironmentContract.For(project, model, infrastructure);
        return new ProcessLaunch(
            paths.ProjectDll(project.ProjectName),
            paths.ProjectDirectory(project.ProjectName),
            environment,
            EnvironmentContract.InheritedToRemove(parentEnvironment, environment));
    }
}

public sealed record SupervisorSettings(RestartOptions Restart, TimeSpan HealthTimeout, TimeSpan StopTimeout);
