using System.Text.Json;

namespace Provisioner.AuditService.Apis;

/// <summary>
/// An audit entry on the wire; <see cref="Id"/> is the message id. <see cref="Action"/> and <see cref="Summary"/> are
/// derived on reading (<see cref="EntryDescriptions"/>) and are not part of the hashed entry.
/// </summary>
public sealed record AuditEntryDto(
    Guid Id,
    long Sequence,
    string Type,
    string Action,
    string Summary,
    string AgencyId,
    string? JobId,
    string? Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    JsonElement Payload,
    string PreviousHash,
    string Hash,
    bool Archived)
{
    public static AuditEntryDto From(AuditView v)
    {
        using var payload = JsonDocument.Parse(v.Payload);
        return new AuditEntryDto(
            v.MessageId, v.Sequence, v.MessageType, EntryDescriptions.ActionOf(v.MessageType),
            EntryDescriptions.SummaryOf(v.MessageType, payload.RootElement), v.AgencyId, v.JobId, v.Actor, v.OccurredAt, v.ReceivedAt,
            payload.RootElement.Clone(), v.PreviousHash, v.Hash, v.Archived);
    }
}

/// <summary>One page of a list, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, int Total, int Page, int PageSize);
