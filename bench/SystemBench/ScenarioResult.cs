namespace Provisioner.Bench.SystemBench;

/// <summary>One scenario's outcome: the line printed (ending in its ratio) and whether its targets were met.</summary>
internal sealed record ScenarioResult(string Line, bool MeetsTargets);
