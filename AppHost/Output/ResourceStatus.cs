namespace Provisioner.AppHost.Output;

public enum ResourceState
{
    Waiting,
    Starting,
    Running,
    Healthy,
    Degraded,
    Unhealthy,
    Restarting,
    Stopping,
    Stopped,
    Failed,
}

/// <summary>One row of the status table and of the state file. <see cref="Url"/> never carries credentials.</summary>
public sealed record ResourceStatus(
    string Name,
    string Kind,
    ResourceState State,
    string? Url = null,
    int? Port = null,
    int? Pid = null,
    int Restarts = 0,
    string? Detail = null);
