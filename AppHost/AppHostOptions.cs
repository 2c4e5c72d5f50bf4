using System.ComponentModel.DataAnnotations;

namespace Provisioner.AppHost;

/// <summary>
/// AppHost's settings, section <c>AppHost</c> (the issue names the keys <c>AppHost:Ghl:BaseUrl</c> etc., so the
/// section is the product name rather than the class name). Connection strings are read from
/// <c>ConnectionStrings</c>, as in Aspire.
/// </summary>
public sealed class AppHostOptions : IValidatableObject
{
    public const string SectionName = "AppHost";

    /// <summary>
    /// Section passed to the sandbox as <c>GhlSandbox__&lt;key&gt;</c> (nested keys and arrays flattened), so its
    /// settings (GhlSandbox/README.md) live in config, not in code.
    /// </summary>
    public const string GhlSandboxSection = SectionName + ":GhlSandbox";

    /// <summary>ASPNETCORE_ENVIRONMENT given to every service.</summary>
    [Required]
    public string Environment { get; set; } = "Development";

    /// <summary>Build configuration whose output is run; empty means the one AppHost itself was built with.</summary>
    public string? Configuration { get; set; }

    /// <summary>The folder holding Provisioner.sln; empty means: search upwards from AppHost's binaries.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Build a project whose dll is missing (once); when false a missing dll is an error.</summary>
    public bool BuildMissingProjects { get; set; } = true;

    /// <summary>Where <c>./provisioner status</c> finds what runs; relative paths are under the repository root.</summary>
    [Required]
    public string StateFile { get; set; } = ".data/apphost/state.json";

    /// <summary>Prepended to every database name (not to the connection-string name), so a test can own its databases.</summary>
    [RegularExpression("^[a-z0-9_]{0,30}$", ErrorMessage = "DatabaseNamePrefix may hold only a-z, 0-9 and _ (at most 30).")]
    public string DatabaseNamePrefix { get; set; } = "";

    public ConsoleMode Console { get; set; } = ConsoleMode.Auto;

    [Range(5, 900)]
    public int HealthTimeoutSeconds { get; set; } = 120;

    [Range(1, 120)]
    public int StopTimeoutSeconds { get; set; } = 10;

    public PortOptions Ports { get; set; } = new();

    public LocalServerOptions LocalServers { get; set; } = new();

    public RestartOptions Restart { get; set; } = new();

    public GhlOptions Ghl { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // DataAnnotations does not descend into nested objects: validate them here, naming the full path.
        foreach (var (prefix, child) in new (string, object)[]
                 { (nameof(Ports), Ports), (nameof(LocalServers), LocalServers), (nameof(Restart), Restart), (nameof(Ghl), Ghl) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(child, new ValidationContext(child), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(
                    $"{prefix}: {result.ErrorMessage}", result.MemberNames.Select(m => $"{prefix}.{m}").ToArray());
            }
        }

        var ports = Ports.All().ToList();
        foreach (var clash in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult(
                $"Ports: {string.Join(" and ", clash.Select(p => p.Resource))} share port {clash.Key}.",
                clash.Select(p => $"{nameof(Ports)}.{p.Resource}").ToArray());
        }
    }
}

public enum ConsoleMode
{
    /// <summary>Live table on a terminal, plain lines when output is redirected (CI).</summary>
    Auto,
    Live,
    Plain,
}
