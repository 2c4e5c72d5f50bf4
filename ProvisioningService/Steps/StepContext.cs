using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Everything a step needs. A step may update <see cref="Progress"/>; the saga stores it with the step's outcome in
/// the same transaction. <see cref="StepStartedAt"/> is the first attempt's start (deadlines count from it).
/// </summary>
public sealed record StepContext(
    Guid JobId,
    string AgencyId,
    ValidatedIntake Intake,
    int Attempt,
    JobProgress Progress,
    DateTimeOffset StepStartedAt);
