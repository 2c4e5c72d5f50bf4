using System.Text.Json;
using Provisioner.AppHost.Output;

namespace Provisioner.AppHost.State;

/// <summary>
/// <c>.data/apphost/state.json</c>: what runs (AppHost's pid, every resource with state, URL, port, pid, and every
/// child pid started this session) for <c>./provisioner status</c>. Rewritten atomically on each change, removed on exit.
/// </summary>
public sealed class StateFile(string path, string repositoryRoot, StatusBoard board)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private bool _closed;

    public string Path { get; } = path;

    public void Attach()
    {
        board.Changed += _ => Write();
        Write();
    }

    public void Write()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            var document = new StateDocument(
                Environment.ProcessId,
                _startedAt,
                repositoryRoot,
                board.Snapshot().Select(r => new StateResource(r.Name, r.Kind, r.State.ToString(), r.Url, r.Port, r.Pid, r.Restarts)).ToList(),
                board.ChildPids());
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(document, Json));
            File.Move(temporary, Path, overwrite: true);
        }
    }

    public void Remove()
    {
        lock (_gate)
        {
            _closed = true;
            File.Delete(Path);
        }
    }

    public static StateDocument? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StateDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // A torn or foreign file says nothing reliable about what runs; treat it as absent.
            return null;
        }
    }
}

public sealed record StateDocument(
    int Pid,
    DateTimeOffset StartedAt,
    string RepositoryRoot,
    IReadOnlyList<StateResource> Resources,
    IReadOnlyList<int> ChildPids);

public sealed record StateResource(string Name, string Kind, string State, string? Url, int? Port, int? Pid, int Restarts);
