using System.Reflection;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Reads who/what/when from any message by property name, resolved once per type. The first name found wins, in the
/// order listed; names compare case-insensitively. See the README's extraction convention.
/// </summary>
public static class MessageConventions
{
    public static readonly string[] AgencyNames = ["AgencyId", "CompanyId"];
    public static readonly string[] JobNames = ["JobId", "CorrelationId"];
    public static readonly string[] ActorNames = ["Actor", "ActorId", "RequestedBy", "UserId"];
    public static readonly string[] OccurredAtNames = ["OccurredAt", "At", "Timestamp"];

    public static PropertyInfo? Find(Type type, IEnumerable<string> names)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return names
            .Select(name => properties.FirstOrDefault(p =>
                p.GetMethod is not null && p.GetIndexParameters().Length == 0
                && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(p => p is not null);
    }

    /// <summary>A property value as text: GUIDs in their hyphenated form, empty strings treated as absent.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        Guid g => g == Guid.Empty ? null : g.ToString("D"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A time property as a UTC instant; a <see cref="DateTime"/> of unspecified kind is taken as UTC.</summary>
    public static DateTimeOffset? AsInstant(object? value) => value switch
    {
        DateTimeOffset o => o,
        DateTime { Kind: DateTimeKind.Unspecified } d => new DateTimeOffset(d, TimeSpan.Zero),
        DateTime d => new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero),
        _ => null,
    };
}

/// <summary>The convention's properties of one message type, looked up once.</summary>
public static class MessageConventions<T>
{
    private static readonly PropertyInfo? Agency = MessageConventions.Find(typeof(T), MessageConventions.AgencyNames);
    private static readonly PropertyInfo? Job = MessageConventions.Find(typeof(T), MessageConventions.JobNames);
    private static readonly PropertyInfo? Actor = MessageConventions.Find(typeof(T), MessageConventions.ActorNames);
    private static readonly PropertyInfo? OccurredAt = MessageConventions.Find(typeof(T), MessageConventions.OccurredAtNames);

    public static string? AgencyOf(T message) => MessageConventions.AsText(Agency?.GetValue(message));

    public static string? JobOf(T message) => MessageConventions.AsText(Job?.GetValue(message));

    public static string? ActorOf(T message) => MessageConventions.AsText(Actor?.GetValue(message));

    public static DateTimeOffset? OccurredAtOf(T message) => MessageConventions.AsInstant(OccurredAt?.GetValue(message));
}
