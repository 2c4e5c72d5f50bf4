using Microsoft.Extensions.Configuration;
using Provisioner.AppHost.Model;
using Provisioner.ServiceDefaults;

namespace Provisioner.AppHost.Infrastructure;

/// <summary>
/// Connection strings from configuration (<c>ConnectionStrings:postgres</c>, <c>ConnectionStrings:rabbitmq</c>)
/// win over local servers: only what is missing is taken from <c>scripts/services.sh</c>.
/// </summary>
public sealed record ConfiguredInfrastructure(string? Postgres, string? RabbitMq, string? RabbitMqManagement = null)
{
    /// <summary>Connection-string name of RabbitMQ's management API (the portal's Operations page reads it).</summary>
    public const string RabbitMqManagementName = "rabbitmq-management";

    public static ConfiguredInfrastructure From(IConfiguration configuration) =>
        new(NullIfBlank(configuration.GetConnectionString(ResourceNames.Postgres)),
            NullIfBlank(configuration.GetConnectionString(ResourceNames.RabbitMq)),
            NullIfBlank(configuration.GetConnectionString(RabbitMqManagementName)));

    public bool NeedsLocalServers => Postgres is null || RabbitMq is null;

    /// <summary>Fills what configuration left out from the script's <c>env</c> output; configuration wins.</summary>
    public InfrastructureEndpoints Complete(IReadOnlyDictionary<string, string> scriptEnvironment)
    {
        var postgres = Postgres ?? Lookup(scriptEnvironment, ResourceNames.Postgres);
        var rabbitMq = RabbitMq ?? Lookup(scriptEnvironment, ResourceNames.RabbitMq);

        // The local broker's management URL only describes the local broker: never pair it with a configured one.
        var management = RabbitMqManagement
            ?? (RabbitMq is null && scriptEnvironment.TryGetValue("RABBITMQ_MANAGEMENT_URL", out var url) ? url : null);
        return new InfrastructureEndpoints(postgres, rabbitMq, management);
    }

    /// <summary>Parses <c>KEY=VALUE</c> lines (the output of <c>services.sh env</c>); the value may contain '='.</summary>
    public static IReadOnlyDictionary<string, string> ParseEnvironment(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0].Length > 0)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

    private static string Lookup(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue($"ConnectionStrings__{name}", out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not configured and scripts/services.sh env did not print ConnectionStrings__{name}.");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
