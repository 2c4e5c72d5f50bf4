namespace Provisioner.AppHost.Model;

/// <summary>Everything Program.cs declared, in declaration order, plus the settings every service shares.</summary>
public sealed class ResourceModel(string environmentName, IReadOnlyDictionary<string, string> telemetrySettings)
{
    private readonly List<ProjectResource> _projects = [];

    /// <summary>ASPNETCORE_ENVIRONMENT of every service.</summary>
    public string EnvironmentName { get; } = environmentName;

    /// <summary>OTEL_EXPORTER_OTLP_* variables AppHost was given, passed through unchanged.</summary>
    public IReadOnlyDictionary<string, string> TelemetrySettings { get; } = telemetrySettings;

    public PostgresServerResource? Postgres { get; set; }

    public RabbitMqResource? RabbitMq { get; set; }

    public GhlResource? Ghl { get; set; }

    public IReadOnlyList<ProjectResource> Projects => _projects;

    public void Add(ProjectResource project)
    {
        if (_projects.Any(p => p.Name == project.Name))
        {
            throw new InvalidOperationException($"A resource named '{project.Name}' is already declared.");
        }

        _projects.Add(project);
    }

    /// <summary>The projects in an order where every project comes after those it waits for.</summary>
    public IReadOnlyList<ProjectResource> StartOrder()
    {
        var ordered = new List<ProjectResource>();
        var visiting = new HashSet<ProjectResource>();
        foreach (var project in _projects)
        {
            Visit(project);
        }

        return ordered;

        void Visit(ProjectResource project)
        {
            if (ordered.Contains(project))
            {
                return;
            }

            if (!visiting.Add(project))
            {
                throw new InvalidOperationException($"'{project.Name}' waits for itself through a cycle of WaitFor.");
            }

            foreach (var dependency in project.WaitsFor)
            {
                Visit(dependency);
            }

            ordered.Add(project);
        }
    }
}
