namespace Provisioner.Web.Backend;

// POST /api/provision/bulk answers (ProvisioningService/Bulk/BulkReport.cs), read by name.

/// <summary>
/// The per-row report of a bulk upload: <see cref="Created"/> new jobs, <see cref="Repeated"/> rows an earlier upload
/// with the same key already created, <see cref="Invalid"/> refused rows.
/// </summary>
public sealed record BulkReport(IReadOnlyList<BulkRowResult> Rows, int Created, int Repeated, int Invalid, bool DryRun)
{
    public int Valid => Rows.Count - Invalid;
}

/// <summary>One CSV row (<see cref="Row"/> 2 is the first data row): its job, its dry-run plan, or its errors by column.</summary>
public sealed record BulkRowResult(
    int Row, bool Valid, Guid? JobId = null, string? Status = null,
    IReadOnlyDictionary<string, string[]>? Errors = null, ProvisionPlan? Plan = null);

/// <summary>One line of the validation report: a row, the column it names and one message.</summary>
public sealed record BulkRowError(int Row, string Field, string Message);

/// <summary>What the page sends: the file's bytes and, for a real upload, the key its rows' jobs are created under.</summary>
public sealed record BulkUpload(byte[] Csv, string FileName);
