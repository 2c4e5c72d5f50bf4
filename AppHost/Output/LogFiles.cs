namespace Provisioner.AppHost.Output;

/// <summary>Every resource's output, one file each (<c>&lt;name&gt;.log</c>), rewritten each session.</summary>
public sealed class LogFiles(string directory) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StreamWriter> _writers = [];
    private bool _disposed;

    public string Directory { get; } = directory;

    public void Append(string resource, string line)
    {
        lock (_gate)
        {
            // Lines a child prints while AppHost shuts down may arrive after the files are closed; the console has them.
            if (_disposed)
            {
                return;
            }

            if (!_writers.TryGetValue(resource, out var writer))
            {
                System.IO.Directory.CreateDirectory(Directory);
                writer = new StreamWriter(Path.Combine(Directory, resource + ".log"), append: false) { AutoFlush = true };
                _writers[resource] = writer;
            }

            writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var writer in _writers.Values)
            {
                writer.Dispose();
            }
        }
    }
}
