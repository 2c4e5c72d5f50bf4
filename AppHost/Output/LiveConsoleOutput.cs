using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Provisioner.AppHost.Output;

/// <summary>
/// For a terminal: the status table redrawn in place with the latest log lines under it. A live display cannot
/// interleave scrolling output, so full logs go to per-resource files (<see cref="LogFiles"/>).
/// </summary>
public sealed class LiveConsoleOutput(StatusBoard board, LogFiles files, IAnsiConsole console) : IConsoleOutput
{
    private const int MaxKeptLines = 200;
    private readonly ConcurrentQueue<string> _recent = new();

    public void Log(string resource, string line)
    {
        files.Append(resource, line);
        _recent.Enqueue($"[grey]{Markup.Escape(resource),-13}|[/] {Markup.Escape(line)}");
        while (_recent.Count > MaxKeptLines && _recent.TryDequeue(out _))
        {
            // Trim from the front until the tail fits; the files keep everything.
        }
    }

    public async Task RunAsync(CancellationToken done)
    {
        await console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Crop).StartAsync(async context =>
        {
            while (!done.IsCancellationRequested)
            {
                context.UpdateTarget(Render());
                context.Refresh();
                await Task.Delay(250, done).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            context.UpdateTarget(Render());
            context.Refresh();
        });
    }

    private IRenderable Render()
    {
        var rows = board.Snapshot();
        var room = Math.Max(5, console.Profile.Height - rows.Count - 8);
        var tail = _recent.ToArray().TakeLast(room).Select(l => (IRenderable)new Markup(l));
        return new Rows(
            StatusTable.Build(rows),
            new Markup($"[grey]Full logs: {Markup.Escape(files.Directory)}. Ctrl+C stops everything.[/]"),
            new Rows(tail));
    }
}
