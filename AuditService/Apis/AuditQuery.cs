using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Apis;

/// <summary>
/// The list and export filters as they arrive (all text, so a bad value is reported by field name instead of failing
/// model binding). <see cref="TryParse"/> turns them into a <see cref="AuditFilter"/>.
/// </summary>
public sealed record AuditQuery(
    string? Type, string? JobId, string? Actor, string? From, string? To, string? Q, string? Page, string? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    private const int MaxTextLength = 256;

    public bool TryParse(out AuditFilter filter, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var from = ParseTime(From, "from", errors);
        var to = ParseTime(To, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["'to' must not be before 'from'."];
        }

        var page = ParseInt(Page, "page", 1, 1, int.MaxValue, errors);
        var pageSize = ParseInt(PageSize, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        CheckLength(Type, "type", errors);
        CheckLength(JobId, "jobId", errors);
        CheckLength(Actor, "actor", errors);
        CheckLength(Q, "q", errors);

        filter = new AuditFilter(Blank(Type), Blank(JobId), Blank(Actor), from, to, Blank(Q), page, pageSize);
        return errors.Count == 0;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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

        errors[field] = [$"'{field}' must be an ISO 8601 date-time, e.g. 2025-01-31T00:00:00Z."];
        return null;
    }

    private static int ParseInt(string? value, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[field] = [$"'{field}' must be a whole number from {min} to {max}."];
        return fallback;
    }

    private static void CheckLength(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is { Length: > MaxTextLength })
        {
            errors[field] = [$"'{field}' must be at most {MaxTextLength} characters."];
        }
    }
}

/// <summary>Validated filters. <see cref="Apply"/> always scopes to one agency first.</summary>
public sealed record AuditFilter(
    string? Type, string? JobId, string? Actor, DateTimeOffset? From, DateTimeOffset? To, string? Q, int Page, int PageSize)
{
    /// <summary>The caller's agency's entries matching the filters, newest first.</summary>
    public IQueryable<AuditView> Apply(IQueryable<AuditView> entries, string agencyId)
    {
        var query = entries.Where(e => e.AgencyId == agencyId);
        if (Type is not null)
        {
            // The full type name, or its last segment (AgencyConnected for Provisioner.Contracts.Auth.AgencyConnected).
            var suffix = "." + Type;
            query = query.Where(e => e.MessageType == Type || e.MessageType.EndsWith(suffix));
        }

        if (JobId is not null)
        {
            query = query.Where(e => e.JobId == JobId);
        }

        if (Actor is not null)
        {
            query = query.Where(e => e.Actor == Actor);
        }

        if (From is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (To is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        if (Q is not null)
        {
            var pattern = "%" + Q.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            query = query.Where(e =>
                EF.Functions.ILike(AuditDbFunctions.PayloadText(e.Payload), pattern)
                || EF.Functions.ILike(e.MessageType, pattern)
                || (e.Actor != null && EF.Functions.ILike(e.Actor, pattern)));
        }

        return query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Sequence);
    }
}
