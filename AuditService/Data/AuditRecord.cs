namespace Provisioner.AuditService.Data;

/// <summary>
/// The columns shared by live and archived entries. Everything except <see cref="Hash"/> is covered by the hash
/// (see <see cref="Chain.CanonicalForm"/>), so an archived entry verifies exactly like a live one.
/// </summary>
public abstract class AuditRecord
{
    /// <summary>The MassTransit message id: a redelivery of the same message is recognised by it.</summary>
    public Guid MessageId { get; set; }

    public string AgencyId { get; set; } = "";

    /// <summary>Position in the agency's chain, 1-based and gapless.</summary>
    public long Sequence { get; set; }

    /// <summary>Full CLR name of the message type.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>Job id, or the message's correlation id.</summary>
    public string? JobId { get; set; }

    public string? Actor { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The message as JSON (jsonb) with secrets redacted.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>Lower-case hex SHA-256 of the previous entry of the agency; 64 zeros for the first.</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of this entry's canonical form.</summary>
    public string Hash { get; set; } = "";
}
