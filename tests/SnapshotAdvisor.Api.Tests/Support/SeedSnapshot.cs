namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>A snapshot a test puts in an agency's library.</summary>
internal sealed record SeedSnapshot(string Id, string Name, string Description = "", string[]? Tags = null, bool Hidden = false, string Type = "own");
