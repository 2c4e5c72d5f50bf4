using System.Text.RegularExpressions;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// The CSV columns of a bulk upload and the intake field each one fills. Header names are matched case-insensitively.
/// Custom values are <c>cv:&lt;Name&gt;</c> columns (one per custom value, the name as written after the prefix) and
/// users are numbered column groups <c>user&lt;N&gt;_first_name|last_name|email|phone|role</c>: every value sits in a cell
/// of its own, so CSV quoting is the only escaping there is.
/// </summary>
internal static partial class BulkColumns
{
    public const string CustomValuePrefix = "cv:";
    public const string SnapshotId = "snapshot_id";

    /// <summary>Business columns → the intake's JSON path (what IntakeValidator names in its errors).</summary>
    public static readonly IReadOnlyDictionary<string, string> Business = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["business_name"] = "business.name",
        ["business_email"] = "business.email",
        ["business_phone"] = "business.phone",
        ["website"] = "business.website",
        ["address"] = "business.address",
        ["city"] = "business.city",
        ["state"] = "business.state",
        ["postal_code"] = "business.postalCode",
        ["country"] = "business.country",
        ["timezone"] = "business.timezone",
        ["industry"] = "business.industry",
        ["description"] = "business.description",
    };

    public static readonly IReadOnlyList<string> Required = ["business_name", "business_email", "business_phone", "country", "timezone"];

    /// <summary>User column suffix → the user's JSON field.</summary>
    public static readonly IReadOnlyDictionary<string, string> UserFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["first_name"] = "firstName",
        ["last_name"] = "lastName",
        ["email"] = "email",
        ["phone"] = "phone",
        ["role"] = "role",
    };

    public static string Describe() =>
        $"{string.Join(", ", Business.Keys)}, {SnapshotId}, cv:<Custom Value Name>, user<N>_first_name|last_name|email|phone|role";

    /// <summary>A <c>user&lt;N&gt;_&lt;field&gt;</c> column: N from 1 to 99.</summary>
    [GeneratedRegex("^user([1-9][0-9]?)_(first_name|last_name|email|phone|role)$", RegexOptions.CultureInvariant)]
    public static partial Regex UserColumn();
}
