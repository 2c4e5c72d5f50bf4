using System.Text.Json;

namespace Provisioner.ServiceDefaults.Health;

/// <summary>The JSON body of <c>/health</c> and <c>/alive</c>; the gateway reads it to aggregate.</summary>
public sealed record HealthResponse(string Status, double DurationMs, IReadOnlyDictionary<string, HealthEntry> Entries);

public sealed record HealthEntry(string Status, string? Description, double DurationMs);

public static class HealthJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
