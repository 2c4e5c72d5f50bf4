namespace Provisioner.TestSupport.Processes;

/// <summary>How a test launches AppHost: what tells its runs apart, and the settings it differs in.</summary>
public sealed record AppHostLaunch
{
    /// <summary>The environment variable carrying the run's marker into every descendant (AppHost passes its environment down).</summary>
    public required string MarkerVariable { get; init; }

    /// <summary>Names the run's databases (<c>{DatabaseLabel}_{marker}_authdb</c>, …).</summary>
    public required string DatabaseLabel { get; init; }

    /// <summary>Names the run's temporary folder and RabbitMQ virtual host.</summary>
    public required string Label { get; init; }

    /// <summary>The databases AppHost creates (ServiceDefaults' resource names), dropped with the run's prefix on dispose.</summary>
    public required IReadOnlyList<string> Databases { get; init; }

    /// <summary>Settings of this kind of run (AppHost's own and ones its children inherit), over the common ones.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
