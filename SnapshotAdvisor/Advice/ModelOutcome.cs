namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>Either a checked pick or the reason there is none.</summary>
public sealed record ModelOutcome(ModelPick? Pick, ModelFallback? Fallback);
