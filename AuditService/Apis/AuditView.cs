using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Apis;

/// <summary>An entry as the API reads it, from the live table or the archive.</summary>
public sealed class AuditView
{
    public Guid MessageId { get; init; }
    public string AgencyId { get; init; } = "";
    public long Sequence { get; init; }
    public string MessageType { get; init; } = "";
    public string? JobId { get; init; }
    public string? Actor { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Payload { get; init; } = "";
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";
    public bool Archived { get; init; }

    /// <summary>Live and archived entries as one query, so the API answers the same after retention has run.</summary>
    public static IQueryable<AuditView> All(AuditDbContext db) =>
        db.Entries.Select(e => new AuditView
        {
            MessageId = e.MessageId,
            AgencyId = e.AgencyId,
            Sequence = e.Sequence,
            MessageType = e.MessageType,
            JobId = e.JobId,
            Actor = e.Actor,
            OccurredAt = e.OccurredAt,
            ReceivedAt = e.ReceivedAt,
            Payload = e.Payload,
            PreviousHash = e.PreviousHash,
            Hash = e.Hash,
            Archived = false,
        }).Concat(db.Archive.Select(e => new AuditView
        {
            MessageId = e.MessageId,
            AgencyId = e.AgencyId,
            Sequence = e.Sequence,
            MessageType = e.MessageType,
            JobId = e.JobId,
            Actor = e.Actor,
            OccurredAt = e.OccurredAt,
            ReceivedAt = e.ReceivedAt,
            Payload = e.Payload,
            PreviousHash = e.PreviousHash,
            Hash = e.Hash,
            Archived = true,
        }));
}
