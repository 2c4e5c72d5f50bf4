namespace Provisioner.Contracts.Provisioning;

/// <summary>A step of a job began (attempt 1) or began again after a failure (attempt &gt; 1). Step names: <see cref="ProvisioningSteps"/>.</summary>
public sealed record JobStepStarted(Guid JobId, string AgencyId, string Step, int Attempt, DateTimeOffset OccurredAt);
