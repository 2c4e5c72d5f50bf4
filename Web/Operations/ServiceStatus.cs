namespace Provisioner.Web.Operations;

/// <summary>A service as the Operations page sees it: its own verdict, or that no verdict came back.</summary>
public enum ServiceStatus
{
    Healthy,
    Degraded,
    Unhealthy,
    Unreachable,
}
