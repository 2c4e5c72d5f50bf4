namespace Provisioner.AppHost.Model;

/// <summary>A .NET project of the solution that AppHost runs from its build output, on a loopback port.</summary>
public sealed class ProjectResource(string name, string projectName, int port) : Resource(name)
{
    private readonly List<IResourceWithConnectionString> _references = [];
    private readonly List<ProjectResource> _waitFor = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    /// <summary>The project folder and assembly name, e.g. <c>AuthService</c>.</summary>
    public string ProjectName { get; } = projectName;

    public int Port { get; } = port;

    /// <summary>The base URL, without a trailing slash (the form <c>services__&lt;name&gt;__http__0</c> carries).</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<IResourceWithConnectionString> References => _references;

    /// <summary>Projects that must report healthy before this one starts.</summary>
    public IReadOnlyList<ProjectResource> WaitsFor => _waitFor;

    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>Whether the project is given RabbitMQ's management API (<c>RabbitMqManagementOptions__Url</c>).</summary>
    public bool UsesRabbitMqManagement { get; private set; }

    public ProjectResource WithReference(IResourceWithConnectionString resource)
    {
        _references.Add(resource);
        if (resource is GhlResource { Sandbox: { } sandbox })
        {
            WaitFor(sandbox);
        }

        return this;
    }

    public ProjectResource WaitFor(ProjectResource project)
    {
        if (!_waitFor.Contains(project))
        {
            _waitFor.Add(project);
        }

        return this;
    }

    public ProjectResource WithRabbitMqManagement()
    {
        UsesRabbitMqManagement = true;
        return this;
    }

    public ProjectResource WithEnvironment(string name, string value)
    {
        _environment[name] = value;
        return this;
    }
}
