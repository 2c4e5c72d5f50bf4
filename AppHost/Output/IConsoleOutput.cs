namespace Provisioner.AppHost.Output;

/// <summary>Where AppHost's own messages and every service's log lines go: a live table or plain lines.</summary>
public interface IConsoleOutput
{
    /// <summary>One line a resource (or AppHost itself, as "apphost") wrote.</summary>
    void Log(string resource, string line);

    /// <summary>Renders until <paramref name="done"/> is cancelled, then once more so the final states show.</summary>
    Task RunAsync(CancellationToken done);
}
