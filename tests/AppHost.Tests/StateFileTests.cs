using Provisioner.AppHost.Output;
using Provisioner.AppHost.State;

namespace Provisioner.AppHost.Tests;

public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("apphost-state-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Attach_ThenChange_WritesEveryResourceAndChildPid()
    {
        var board = new StatusBoard();
        var file = new StateFile(Path.Combine(_directory, "state.json"), "/repo", board);
        file.Attach();

        board.Set(new ResourceStatus("auth", "project", ResourceState.Healthy, "http://127.0.0.1:5101", 5101, Pid: 4242));
        board.Update("auth", s => s with { Pid = 4343, Restarts = 1 });

        var document = StateFile.Read(file.Path);
        Assert.NotNull(document);
        Assert.Equal(Environment.ProcessId, document.Pid);
        var auth = Assert.Single(document.Resources);
        Assert.Equal(("auth", "Healthy", "http://127.0.0.1:5101", 5101, 4343, 1), (auth.Name, auth.State, auth.Url, auth.Port, auth.Pid, auth.Restarts));
        Assert.Equal([4242, 4343], document.ChildPids.Order());
    }

    [Fact]
    public void Remove_ThenLaterChanges_DoNotRecreateTheFile()
    {
        var board = new StatusBoard();
        var file = new StateFile(Path.Combine(_directory, "state.json"), "/repo", board);
        file.Attach();
        board.Set(new ResourceStatus("auth", "project", ResourceState.Healthy));

        file.Remove();
        board.Update("auth", s => s with { State = ResourceState.Stopped });

        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public void Read_TornFile_ReturnsNull()
    {
        var path = Path.Combine(_directory, "state.json");
        File.WriteAllText(path, "{\"pid\": 12");

        Assert.Null(StateFile.Read(path));
    }
}
