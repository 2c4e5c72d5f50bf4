using System.Diagnostics;
using System.Net;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// One service of the solution run from its build output (<c>dotnet X/bin/cfg/net10.0/X.dll</c>, as AppHost runs it,
/// through TestSupport's <see cref="ChildProcess"/>) on a loopback port, with the environment the test gives it.
/// <see cref="KillAsync"/> is SIGKILL: no shutdown hooks, no flushing, the process simply stops wherever it is.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int OutputLines = 300;

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly ChildProcess _process;

    private ServiceProcess(string project, ChildProcess process, Uri url)
    {
        Project = project;
        _process = process;
        Url = url;
    }

    public string Project { get; }

    public Uri Url { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string OutputTail => _process.Output;

    /// <param name="port">A port of <see cref="LoopbackPorts"/>.</param>
    /// <param name="onOutput">Receives every line the process writes (stdout and stderr), from its first.</param>
    public static ServiceProcess Start(
        string project, int port, IReadOnlyDictionary<string, string> environment, Action<string>? onOutput = null)
    {
        var dll = ChildProcess.ProjectDll(project);
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Reliability.Tests (it builds the services it runs).");
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)! };

        // The test process's own settings must not leak into the service; the test states every one it needs.
        foreach (var key in start.Environment.Keys.Where(IsServiceSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(project, ChildProcess.Start(start, OutputLines, onOutput), url);
    }

    /// <summary>Waits until <paramref name="probe"/> answers 200; fails at once, with the process's output, if it exits.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, string probe = "/health")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Project} exited with {_process.ExitCode} before it was healthy:\n{OutputTail}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(Url, probe));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Project} was not healthy within {timeout.TotalSeconds:0} s:\n{OutputTail}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL (Process.Kill on Unix); returns the exit code (137 = killed by signal 9).</summary>
    public Task<int> KillAsync() => _process.KillAsync(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _process.DisposeAsync();
    }

    private static bool IsServiceSetting(string key) =>
        key.Contains("__", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || key.StartsWith("OTEL_", StringComparison.Ordinal);
}
