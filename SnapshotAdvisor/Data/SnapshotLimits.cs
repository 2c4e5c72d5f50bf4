namespace Provisioner.SnapshotAdvisor.Data;

/// <summary>Sizes the API validates and the schema enforces, in one place so both agree.</summary>
public static class SnapshotLimits
{
    public const int DescriptionLength = 4000;
    public const int MaxTags = 30;
    public const int TagLength = 60;
    public const int MaxCustomValues = 100;
    public const int CustomValueNameLength = 100;
    public const int CustomValueLength = 2000;
    public const int MaxPageSize = 100;

    /// <summary>GHL's user roles inside a location.</summary>
    public static readonly IReadOnlySet<string> UserRoles = new HashSet<string>(StringComparer.Ordinal) { "admin", "user" };
}
