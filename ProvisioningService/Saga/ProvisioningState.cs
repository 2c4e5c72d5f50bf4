using MassTransit;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>One job's saga instance (stored as JSON by the Messaging library; <see cref="CorrelationId"/> is the job id).</summary>
public sealed class ProvisioningState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public string AgencyId { get; set; } = string.Empty;

    /// <summary>The step being run, or the step that failed; null before the first.</summary>
    public string? CurrentStep { get; set; }

    public int Attempt { get; set; }

    /// <summary>When the current step's first attempt began (the snapshot-load deadline counts from it).</summary>
    public DateTimeOffset? StepStartedAt { get; set; }

    /// <summary>Only a <c>RunProvisioningStep</c> carrying this token runs: older scheduled polls and retries are stale.</summary>
    public Guid StepToken { get; set; }

    /// <summary>Polls of the current attempt so far (the snapshot-load wait); 0 on a fresh attempt.</summary>
    public int Polls { get; set; }

    public Guid? AdvisorTimeoutTokenId { get; set; }

    public bool CancelRequested { get; set; }

    public string? CancelActor { get; set; }

    public JobProgress Progress { get; set; } = new();
}
