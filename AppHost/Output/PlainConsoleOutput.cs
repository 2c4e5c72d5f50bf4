using Spectre.Console;

namespace Provisioner.AppHost.Output;

/// <summary>
/// For CI and redirected output: every line prefixed with its resource, every state change as a line, and the table
/// printed once whenever every resource has become healthy.
/// </summary>
public sealed class PlainConsoleOutput : IConsoleOutput
{
    private readonly Lock _gate = new();
    private readonly StatusBoard _board;
    private readonly LogFiles _files;
    private readonly TextWriter _writer;
    private readonly Dictionary<string, string> _lastPrinted = [];
    private bool _allReadyPrinted;

    public PlainConsoleOutput(StatusBoard board, LogFiles files, TextWriter writer)
    {
        _board = board;
        _files = files;
        _writer = writer;
        board.Changed += OnChanged;
    }

    public void Log(string resource, string line)
    {
        _files.Append(resource, line);
        lock (_gate)
        {
            _writer.WriteLine($"{resource,-13}| {line}");
        }
    }

    public Task RunAsync(CancellationToken done) => Task.CompletedTask;

    private void OnChanged(ResourceStatus status)
    {
        var detail = status.Detail is null ? "" : $" ({status.Detail})";
        var url = status.Url is null ? "" : $" {status.Url}";
        var text = $"{status.Name}: {status.State}{detail}{url}";
        lock (_gate)
        {
            // A pid or health re-check that changes nothing visible is not worth a line.
            if (_lastPrinted.TryGetValue(status.Name, out var last) && last == text)
            {
                return;
            }

            _lastPrinted[status.Name] = text;
        }

        Log("apphost", text);
        PrintTableWhenAllReady(_board.Snapshot());
    }

    /// <summary>The table, once each time every service has become ready (not for the infrastructure alone).</summary>
    private void PrintTableWhenAllReady(IReadOnlyList<ResourceStatus> rows)
    {
        var allReady = rows.Any(r => r.Kind == "project")
            && rows.All(r => r.State is ResourceState.Healthy or ResourceState.Degraded or ResourceState.Running);
        lock (_gate)
        {
            if (allReady && !_allReadyPrinted)
            {
                // No ANSI codes when output is redirected, and a width that fits URLs: this is read in CI logs.
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Ansi = AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                    Out = new AnsiConsoleOutput(_writer),
                });
                console.Profile.Width = 160;
                console.Write(StatusTable.Build(rows));
            }

            _allReadyPrinted = allReady;
        }
    }
}
