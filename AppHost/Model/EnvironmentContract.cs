using System.Collections;

namespace Provisioner.AppHost.Model;

/// <summary>
/// The environment variables a service receives: the same contract .NET Aspire uses, so a service cannot tell which
/// launcher started it.
/// </summary>
public static class EnvironmentContract
{
    /// <summary>Prefixes AppHost's own settings use; they are not inherited by services unless the contract sets them.</summary>
    private static readonly string[] LauncherPrefixes = ["AppHost__", "ConnectionStrings__", "services__", "GhlClientOptions__", "GhlSandbox__", "RabbitMqManagementOptions__"];

    public static IReadOnlyDictionary<string, string> For(ProjectResource project, ResourceModel model, InfrastructureEndpoints infrastructure)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = project.Url,
            ["ASPNETCORE_ENVIRONMENT"] = model.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
        };

        foreach (var (name, value) in model.TelemetrySettings)
        {
            environment[name] = value;
        }

        // Service discovery: every service can find every other by name (http://auth → services__auth__http__0).
        foreach (var other in model.Projects)
        {
            environment[$"services__{other.Name}__http__0"] = other.Url;
        }

        foreach (var reference in project.References)
        {
            environment[$"ConnectionStrings__{reference.Name}"] = reference.GetConnectionString(infrastructure);
            if (reference is GhlResource ghl)
            {
                environment["GhlClientOptions__ClientId"] = ghl.ClientId;
                environment["GhlClientOptions__ClientSecret"] = ghl.ClientSecret;
                if (ghl.AuthorizeUrl is not null)
                {
                    environment["GhlClientOptions__AuthorizeUrl"] = ghl.AuthorizeUrl;
                }
            }
        }

        if (project.UsesRabbitMqManagement && infrastructure.RabbitMqManagement is { } managementUrl)
        {
            environment["RabbitMqManagementOptions__Url"] = managementUrl;
        }

        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// Variables of AppHost's own environment to remove from a child's (a child inherits the parent's environment):
    /// AppHost's settings and connection strings the contract did not give this service, e.g. the admin
    /// <c>ConnectionStrings__postgres</c>.
    /// </summary>
    public static IReadOnlyList<string> InheritedToRemove(IDictionary parentEnvironment, IReadOnlyDictionary<string, string> contract) =>
        parentEnvironment.Keys.OfType<string>()
            .Where(key => LauncherPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Where(key => !contract.ContainsKey(key))
            .ToList();
}
