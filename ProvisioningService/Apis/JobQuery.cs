using System.Globalization;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// GET /api/jobs filters as they arrive (all text, so a bad value is reported by field name instead of failing model
/// binding). <see cref="TryParse"/> turns them into a <see cref="JobFilter"/>.
/// </summary>
public sealed record JobQuery(
    string? Status, string? From, string? To, string? Q, string? Sort, string? Order, string? Page, string? PageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
    private static readonly string[] SortFields = ["createdAt", "status", "name"];

    public bool TryParse(out JobFilter filter, out Dictionary<string, string[]> errors)
    {
        errors = [];
        JobStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            // Names only: Enum.TryParse would also take "1" or "-7".
            if (Enum.GetNames<JobStatus>().FirstOrDefault(n => n.Equals(Status.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                status = Enum.Parse<JobStatus>(name);
            }
            else
            {
                errors["status"] = [$"'status' must be one of: {string.Join(", ", Enum.GetNames<JobStatus>())}."];
            }
        }

        var from = ParseTime(From, "from", errors);
        var to = ParseTime(To, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["'to' must not be before 'from'."];
        }

        var sort = string.IsNullOrWhiteSpace(Sort) ? "createdAt" : SortFields.FirstOrDefault(s => s.Equals(Sort.Trim(), StringComparison.OrdinalIgnoreCase));
        if (sort is null)
        {
            errors["sort"] = [$"'sort' must be one of: {string.Join(", ", SortFields)}."];
        }

        var order = string.IsNullOrWhiteSpace(Order) ? "desc" : Order.Trim().ToLowerInvariant();
        if (order is not ("asc" or "desc"))
        {
            errors["order"] = ["'order' must be asc or desc."];
        }

        var q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (q is { Length: > 200 })
        {
            errors["q"] = ["'q' must be at most 200 characters."];
        }

        var page = ParseInt(Page, "page", 1, int.MaxValue, 1, errors);
        var pageSize = ParseInt(PageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, errors);
        filter = new JobFilter(status, from, to, q, sort ?? "createdAt", order == "asc", page, pageSize);
        return errors.Count == 0;
    }

    private static DateTimeOffset? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        errors[field] = [$"'{field}' must be an ISO 8601 date or date-time, e.g. 2025-01-31T00:00:00Z."];
        return null;
    }

    private static int ParseInt(string? value, string field, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[field] = [$"'{field}' must be a whole number from {min} to {max}."];
        return fallback;
    }
}
