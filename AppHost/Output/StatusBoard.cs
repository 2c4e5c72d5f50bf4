namespace Provisioner.AppHost.Output;

/// <summary>
/// The current state of every resource, in declaration order. The console and the state file read it; supervisors
/// write it. Thread-safe: supervisors run concurrently.
/// </summary>
public sealed class StatusBoard
{
    private readonly Lock _gate = new();
    private readonly List<ResourceStatus> _rows = [];
    private readonly HashSet<int> _childPids = [];

    /// <summary>Raised after every change, with the changed row, outside the lock.</summary>
    public event Action<ResourceStatus>? Changed;

    public void Set(ResourceStatus status)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => r.Name == status.Name);
            if (index >= 0)
            {
                _rows[index] = status;
            }
            else
            {
                _rows.Add(status);
            }

            if (status.Pid is { } pid)
            {
                _childPids.Add(pid);
            }
        }

        Changed?.Invoke(status);
    }

    public void Update(string name, Func<ResourceStatus, ResourceStatus> change)
    {
        ResourceStatus updated;
        lock (_gate)
        {
            var index = _rows.FindIndex(r => r.Name == name);
            if (index < 0)
            {
                throw new InvalidOperationException($"Resource '{name}' is not on the board.");
            }

            updated = change(_rows[index]);
            _rows[index] = updated;
            if (updated.Pid is { } pid)
            {
                _childPids.Add(pid);
            }
        }

        Changed?.Invoke(updated);
    }

    public IReadOnlyList<ResourceStatus> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rows];
        }
    }

    /// <summary>Every process id AppHost started this session, restarts included.</summary>
    public IReadOnlyList<int> ChildPids()
    {
        lock (_gate)
        {
            return [.. _childPids];
        }
    }
}
