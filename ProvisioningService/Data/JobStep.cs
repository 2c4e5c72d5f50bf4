namespace Provisioner.ProvisioningService.Data;

/// <summary>One step of a job (see <c>ProvisioningSteps</c>), created Pending when the job is accepted.</summary>
public sealed class JobStep
{
    public Guid JobId { get; set; }

    public required string Name { get; set; }

    /// <summary>Position in the plan, for ordering.</summary>
    public int Ordinal { get; set; }

    public StepStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>A short outcome or progress line ("3 custom values set", "12 of 40 assets loaded").</summary>
    public string? Detail { get; set; }
}
