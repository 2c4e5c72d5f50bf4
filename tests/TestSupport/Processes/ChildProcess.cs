using System.Diagnostics;
using System.Reflection;

namespace Provisioner.TestSupport.Processes;

/// <summary>
/// A process a test starts and owns: AppHost, one service run from its build output, or a script. Its stdout and
/// stderr are read from the start (a child whose pipe fills up blocks) and kept, all of it or the last lines, for
/// failure messages; <see cref="KillAsync"/> is SIGKILL. The one launcher of AppHost.Tests, Portal.EndToEnd.Tests and
/// Reliability.Tests (see <see cref="LaunchedAppHost"/> and Reliability.Tests' <c>ServiceProcess</c>).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Queue<string> _output = new();
    private readonly int? _keepLines;
    private readonly Action<string>? _onOutput;
    private readonly Process _process;

    private ChildProcess(Process process, int? keepLines, Action<string>? onOutput)
    {
        _process = process;
        _keepLines = keepLines;
        _onOutput = onOutput;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The configuration the test assemblies were built in, which is also the services' (one solution build).</summary>
    public static string Configuration { get; } =
        typeof(ChildProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote (stdout and stderr, interleaved as read), one line per line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary><c>X/bin/{configuration}/net10.0/X.dll</c> under the repository root, the way AppHost runs a project.</summary>
    public static string ProjectDll(string project) =>
        Path.Combine(TestEnvironment.RepositoryRoot, project, "bin", Configuration, "net10.0", project + ".dll");

    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected. <paramref name="keepLines"/> bounds what
    /// <see cref="Output"/> keeps (null: everything); <paramref name="onOutput"/> receives every line, from the first.
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, int? keepLines = null, Action<string>? onOutput = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        WithDefaultInterruptSignals(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        return new ChildProcess(process, keepLines, onOutput);
    }

    /// <summary>
    /// Starts the child through <c>env --default-signal=INT,QUIT</c> (coreutils), which execs it (same pid) with both
    /// signals at their default action. A test run started in the background (<c>bash .ci/run &amp;</c> from a script)
    /// inherits SIGINT and SIGQUIT ignored, and .NET keeps an inherited SIG_IGN for those two, so AppHost would never
    /// see the Ctrl+C a test sends it: AppHost.Tests' SIGINT test failed that way in clean-clone runs started with '&amp;'.
    /// </summary>
    private static void WithDefaultInterruptSignals(ProcessStartInfo start)
    {
        if (!string.IsNullOrEmpty(start.Arguments))
        {
            throw new ArgumentException("Give the child's arguments in ArgumentList: they are passed on through env.", nameof(start));
        }

        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "--default-signal=INT,QUIT");
        start.FileName = "env";
    }

    /// <summary>Sends a POSIX signal (INT, TERM) the way a terminal or a service manager would.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} exited {kill.ExitCode}.");
        }
    }

    /// <summary>
    /// Waits for the exit and for the end of its output, so not for a script that leaves a daemon holding its stdout
    /// (Reliability.Tests' <c>OwnInfrastructure</c> runs <c>services.sh</c> without this class for that reason).
    /// </summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL (Process.Kill on Unix) unless already exited; returns the exit code (137 = killed by signal 9).</summary>
    public async Task<int> KillAsync(bool entireProcessTree)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree);
        }

        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>Kills the process and everything it started.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _onOutput?.Invoke(line);
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > _keepLines)
            {
                _output.Dequeue();
            }
        }
    }
}
