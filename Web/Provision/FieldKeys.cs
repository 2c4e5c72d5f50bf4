namespace Provisioner.Web.Provision;

/// <summary>The JSON paths ProvisioningService names fields by (see its README, "Validation rules").</summary>
public static class FieldKeys
{
    public static string Business(string field) => $"business.{field}";

    public static string User(int index, string field) => $"users[{index}].{field}";

    public static string CustomValue(string? name) => $"customValues[{name?.Trim()}]";

    public const string SnapshotId = "snapshotId";

    /// <summary>Whether the form shows an input (or a list) where an error with this key belongs.</summary>
    public static bool IsPlaced(string key) =>
        key.StartsWith("business.", StringComparison.Ordinal) || key.StartsWith("users", StringComparison.Ordinal)
        || key.StartsWith("customValues", StringComparison.Ordinal) || key == SnapshotId;
}
