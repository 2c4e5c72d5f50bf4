using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Web.Operations;

/// <summary>One service's answer to <c>/health</c> (or the lack of one), with how long it took.</summary>
public sealed record ServiceHealthReport(
    string Service,
    ServiceStatus Status,
    string Summary,
    TimeSpan? ResponseTime,
    IReadOnlyList<ServiceHealthEntry> Entries)
{
    public static ServiceHealthReport Unreachable(string service, string reason, TimeSpan? elapsed = null) =>
        new(service, ServiceStatus.Unreachable, reason, elapsed, []);

    /// <summary>The service's own report when it sent one (ServiceDefaults' HealthResponse); else the status code decides.</summary>
    public static ServiceHealthReport FromResponse(string service, int statusCode, HealthResponse? body, TimeSpan elapsed)
    {
        if (body is null || !Enum.TryParse<ServiceStatus>(body.Status, ignoreCase: true, out var status)
            || status == ServiceStatus.Unreachable)
        {
            return statusCode is >= 200 and < 300
                ? new(service, ServiceStatus.Healthy, $"HTTP {statusCode} without a health report", elapsed, [])
                : new(service, ServiceStatus.Unhealthy, $"HTTP {statusCode} without a health report", elapsed, []);
        }

        var entries = body.Entries
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ServiceHealthEntry(e.Key, e.Value.Status, e.Value.Description, e.Value.DurationMs))
            .ToList();
        return new(service, status, $"HTTP {statusCode}", elapsed, entries);
    }
}

/// <summary>One health check of a service (for example its database), as the service reported it.</summary>
public sealed record ServiceHealthEntry(string Name, string Status, string? Description, double DurationMs);
