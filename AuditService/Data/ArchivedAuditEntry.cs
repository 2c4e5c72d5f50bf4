namespace Provisioner.AuditService.Data;

/// <summary>A row of <c>audit_archive</c>: an entry moved there by retention, unchanged, plus when it moved.</summary>
public sealed class ArchivedAuditEntry : AuditRecord
{
    public DateTimeOffset ArchivedAt { get; set; }
}
