using System.ComponentModel.DataAnnotations;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost;

/// <summary>The loopback port of each service (section <c>AppHost:Ports</c>).</summary>
public sealed class PortOptions
{
    [Range(1, 65535)]
    public int GhlSandbox { get; set; } = 8090;

    [Range(1, 65535)]
    public int Auth { get; set; } = 5101;

    [Range(1, 65535)]
    public int Provisioning { get; set; } = 5102;

    [Range(1, 65535)]
    public int Advisor { get; set; } = 5103;

    [Range(1, 65535)]
    public int Audit { get; set; } = 5104;

    [Range(1, 65535)]
    public int Web { get; set; } = 5105;

    [Range(1, 65535)]
    public int Gateway { get; set; } = 8080;

    public int For(string resource) => resource switch
    {
        ResourceNames.GhlSandbox => GhlSandbox,
        ResourceNames.Auth => Auth,
        ResourceNames.Provisioning => Provisioning,
        ResourceNames.Advisor => Advisor,
        ResourceNames.Audit => Audit,
        ResourceNames.Web => Web,
        ResourceNames.Gateway => Gateway,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "No port is configured for this resource."),
    };

    public IEnumerable<(string Resource, int Port)> All() =>
    [
        (ResourceNames.GhlSandbox, GhlSandbox), (ResourceNames.Auth, Auth), (ResourceNames.Provisioning, Provisioning),
        (ResourceNames.Advisor, Advisor), (ResourceNames.Audit, Audit), (ResourceNames.Web, Web), (ResourceNames.Gateway, Gateway),
    ];
}
