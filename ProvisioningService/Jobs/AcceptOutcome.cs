using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>What became of an accepted intake: a new job, the job an earlier request with the same key made, or a key clash.</summary>
public sealed record AcceptOutcome(Guid JobId, JobStatus Status, AcceptResult Result);

public enum AcceptResult
{
    Created,
    Repeated,
    KeyReusedWithDifferentBody,
}
