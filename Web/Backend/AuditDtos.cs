using System.Text.Json;

namespace Provisioner.Web.Backend;

// AuditService's API shapes (AuditService/Apis/AuditEntryDto.cs, Chain/VerifyResult.cs), read by name.

/// <summary>One audit entry; <see cref="Action"/> and <see cref="Summary"/> are AuditService's wording of it.</summary>
public sealed record AuditEntry(
    Guid Id, long Sequence, string Type, string Action, string Summary, string AgencyId, string? JobId, string? Actor,
    DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, JsonElement Payload, string PreviousHash, string Hash, bool Archived);

/// <summary>One page of entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize);

/// <summary>
/// The agency's hash chain walked end to end. When broken, <see cref="Checked"/> is the sequence number of the first
/// entry that does not verify (<see cref="FirstBrokenId"/>), or, with no id, the last entry before missing ones.
/// </summary>
public sealed record AuditVerifyResult(bool Ok, long Checked, Guid? FirstBrokenId, string? Reason);
