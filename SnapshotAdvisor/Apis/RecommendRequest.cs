using Provisioner.Contracts.Advisor;

namespace Provisioner.SnapshotAdvisor.Apis;

/// <summary>Body of <c>POST /api/snapshots/recommend</c>.</summary>
public sealed record RecommendRequest(AdvisorBusiness? Business);
