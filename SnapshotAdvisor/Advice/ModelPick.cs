using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>The model's checked pick: a real candidate, a confidence in 0..1 and its reasons.</summary>
public sealed record ModelPick(SnapshotCandidate Candidate, double Confidence, IReadOnlyList<string> Reasons);
