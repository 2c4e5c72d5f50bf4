namespace Provisioner.ProvisioningService.Data;

/// <summary>
/// An append-only progress record of a job, in order of <see cref="Id"/>; the SSE stream replays from a given id
/// (Last-Event-ID), so ids only grow.
/// </summary>
public sealed class JobEvent
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public required string AgencyId { get; set; }

    public required string Type { get; set; }

    /// <summary>Event details as JSON.</summary>
    public required string Data { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}
