namespace Provisioner.ProvisioningService.Bulk;

/// <summary>Why an upload was refused before any row was looked at: the HTTP status, the field (or column) and why.</summary>
public sealed record BulkInputError(int Status, string Field, string Message);
