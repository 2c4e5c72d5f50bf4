using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Provisioner.AppHost.Output;

namespace Provisioner.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ on loopback through <c>scripts/services.sh</c> (Debian packages, no Docker), with AppHost's
/// own BASE and ports. Stopped on exit only if this AppHost started them.
/// </summary>
public sealed class LocalServers(AppHostPaths paths, LocalServerOptions options, IConsoleOutput output)
{
    private const string LogName = "services";

    /// <summary>True when this AppHost found the servers stopped and started them.</summary>
    public bool StartedHere { get; private set; }

    /// <summary>Starts the servers unless both already run, and returns the script's <c>env</c> output.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StartAsync(CancellationToken cancellationToken)
    {
        var status = await Script("status").ExecuteBufferedAsync(cancellationToken);
        var running = status.ExitCode == 0
            && status.StandardOutput.Contains("postgres: running", StringComparison.Ordinal)
            && status.StandardOutput.Contains("rabbitmq: running", StringComparison.Ordinal);
        if (!running)
        {
            output.Log(LogName, $"starting PostgreSQL :{options.PostgresPort} and RabbitMQ :{options.RabbitMqPort} under {paths.LocalServersBase}");
            var start = await Script("start")
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => output.Log(LogName, line)))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => output.Log(LogName, line)))
                .ExecuteAsync(cancellationToken);
            if (start.ExitCode != 0)
            {
                throw new InvalidOperationException($"scripts/services.sh start failed with exit code {start.ExitCode}.");
            }

            StartedHere = true;
        }

        var env = await Script("env").ExecuteBufferedAsync(cancellationToken);
        if (env.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/services.sh env failed with exit code {env.ExitCode}.");
        }

        return ConfiguredInfrastructure.ParseEnvironment(env.StandardOutput);
    }

    public async Task StopIfStartedHereAsync()
    {
        if (!StartedHere || !options.StopOnExit)
        {
            return;
        }

        output.Log(LogName, "stopping PostgreSQL and RabbitMQ (this AppHost started them)");
        var stop = await Script("stop")
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => output.Log(LogName, line)))
            .ExecuteAsync();
        if (stop.ExitCode != 0)
        {
            output.Log(LogName, $"scripts/services.sh stop exited with {stop.ExitCode}; check with scripts/services.sh status");
        }
    }

    private Command Script(string verb) =>
        Cli.Wrap("bash")
            .WithArguments([paths.ServicesScript, verb])
            .WithWorkingDirectory(paths.RepositoryRoot)
            .WithEnvironmentVariables(env => env
                .Set("BASE", paths.LocalServersBase)
                .Set("PG_PORT", options.PostgresPort.ToString(CultureInfo.InvariantCulture))
                .Set("RMQ_PORT", options.RabbitMqPort.ToString(CultureInfo.InvariantCulture)))
            .WithValidation(CommandResultValidation.None);
}
