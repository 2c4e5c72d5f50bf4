namespace Provisioner.Contracts.Advisor;

/// <summary>The provisioning saga asks which of the agency's snapshots suits a client business (request/response).</summary>
public sealed record RecommendSnapshot(Guid JobId, string AgencyId, AdvisorBusiness Business);
