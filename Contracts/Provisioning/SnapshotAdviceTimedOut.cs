namespace Provisioner.Contracts.Provisioning;

/// <summary>The saga's scheduled timeout for the advisor's answer (see <c>RecommendSnapshot</c>).</summary>
public sealed record SnapshotAdviceTimedOut(Guid JobId);
