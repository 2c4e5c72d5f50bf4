namespace Provisioner.Web.Backend;

/// <summary>
/// The header row (and one example row) of a bulk upload, offered as a download. Columns as ProvisioningService's
/// <c>Bulk/BulkColumns.cs</c> accepts them: required first, then optional business fields, the snapshot, one custom
/// value and one user (more are added as <c>cv:&lt;Name&gt;</c> and <c>user2_…</c> columns).
/// </summary>
public static class BulkCsvTemplate
{
    public const string FileName = "provisioner-bulk-template.csv";

    public static readonly IReadOnlyList<string> RequiredColumns = ["business_name", "business_email", "business_phone", "country", "timezone"];

    public static readonly IReadOnlyList<string> Columns =
    [
        .. RequiredColumns,
        "website", "address", "city", "state", "postal_code", "industry", "description", "snapshot_id",
        "cv:Booking Link",
        "user1_first_name", "user1_last_name", "user1_email", "user1_phone", "user1_role",
    ];

    public const string ExampleRow =
        "Lakeside Dental Studio,office@lakeside-dental.example,(512) 555-0188,US,America/Chicago,https://lakeside-dental.example,"
        + "\"12 Shore Rd, Suite 4\",Austin,TX,78701,Dentistry,,,https://lakeside-dental.example/book,"
        + "Maya,Lopez,maya@lakeside-dental.example,,admin";

    public static string Text => string.Join(',', Columns) + "\r\n" + ExampleRow + "\r\n";

    /// <summary>
    /// A <c>data:</c> URL for an <c>&lt;a download&gt;</c>: the browser saves it without a request, so it needs no route
    /// and no session (CSP governs fetches and frames, not a download link).
    /// </summary>
    public static string DataUrl => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(Text);
}
