namespace Provisioner.AppHost.Model;

/// <summary>Something AppHost declares: a server, a database, an external endpoint or a project it runs.</summary>
public abstract class Resource(string name)
{
    /// <summary>The contract name (<see cref="Provisioner.ServiceDefaults.ResourceNames"/>).</summary>
    public string Name { get; } = name;
}

/// <summary>A resource others reach through <c>ConnectionStrings__&lt;Name&gt;</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The connection string, known only once the infrastructure runs.</summary>
    string GetConnectionString(InfrastructureEndpoints infrastructure);
}
