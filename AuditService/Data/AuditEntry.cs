namespace Provisioner.AuditService.Data;

/// <summary>A row of the live, append-only <c>audit_entries</c> table.</summary>
public sealed class AuditEntry : AuditRecord;
