namespace Provisioner.Reliability.Tests;

/// <summary>A job a scenario submitted (<see cref="ScenarioIntake"/>): what it must leave in the sandbox follows from these.</summary>
internal sealed record SubmittedJob(Guid JobId, string Agency, string Snapshot, string Name, string Email);
