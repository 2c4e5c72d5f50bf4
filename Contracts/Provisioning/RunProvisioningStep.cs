namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// The saga's own command to run (or poll, or retry) <see cref="Step"/> of a job: one step per message, so a cancel can
/// land between steps and a crash repeats at most one step. <see cref="Token"/> must match the saga's current token:
/// a stale scheduled poll or retry is ignored.
/// </summary>
public sealed record RunProvisioningStep(Guid JobId, string AgencyId, string Step, int Attempt, Guid Token);
