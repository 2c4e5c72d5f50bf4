using System.Text.Json.Serialization;
using Provisioner.ProvisioningService.Apis;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// The per-row answer to a bulk upload. <see cref="Created"/> counts new jobs, <see cref="Repeated"/> rows whose job an
/// earlier upload with the same key created, <see cref="Invalid"/> rows that were refused.
/// </summary>
public sealed record BulkReport(IReadOnlyList<BulkRowResult> Rows, int Created, int Repeated, int Invalid, bool DryRun);

/// <summary>One row: valid with its job (or, in a dry run, its plan), or invalid with errors keyed by CSV column.</summary>
public sealed record BulkRowResult(
    int Row,
    bool Valid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? JobId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProvisionPlan? Plan = null);
