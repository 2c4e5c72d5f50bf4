using System.Globalization;

namespace Provisioner.Web.Backend;

/// <summary>
/// The audit list's filters as AuditService takes them (<c>AuditService/Apis/AuditQuery.cs</c>): <see cref="Type"/> is
/// a type's full name or last segment, <see cref="JobId"/> and <see cref="Actor"/> are exact, <see cref="From"/> is
/// inclusive and <see cref="To"/> exclusive on <c>occurredAt</c>, <see cref="Search"/> is <c>q</c> (payload, type or
/// actor). Null or blank means "not filtered".
/// </summary>
public sealed record AuditQuery(
    string? Type = null, string? JobId = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Search = null, int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;

    /// <summary>True when any filter (not paging) is set.</summary>
    public bool Filtered =>
        !string.IsNullOrWhiteSpace(Type) || !string.IsNullOrWhiteSpace(JobId) || !string.IsNullOrWhiteSpace(Actor)
        || From is not null || To is not null || !string.IsNullOrWhiteSpace(Search);

    /// <summary>
    /// A day range picked in the portal (UTC, like every time it shows) as AuditService's half-open range: from the
    /// start of the first day to the start of the day after the last, so the whole last day counts.
    /// </summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Days(DateTime? first, DateTime? last) => (
        first is { } f ? new DateTimeOffset(f.Date, TimeSpan.Zero) : null,
        last is { } l ? new DateTimeOffset(l.Date.AddDays(1), TimeSpan.Zero) : null);

    /// <summary>The query string for <c>GET /api/audit</c> (with paging) or its export (without).</summary>
    public string ToQueryString(bool paging)
    {
        var parts = new List<string>();
        Add(parts, "type", Type);
        Add(parts, "jobId", JobId);
        Add(parts, "actor", Actor);
        Add(parts, "from", From?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "to", To?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "q", Search);
        if (paging)
        {
            parts.Add($"page={Math.Max(Page, 1).ToString(CultureInfo.InvariantCulture)}");
            parts.Add($"pageSize={Math.Clamp(PageSize, 1, MaxPageSize).ToString(CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
