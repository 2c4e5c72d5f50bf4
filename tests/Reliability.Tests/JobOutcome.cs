namespace Provisioner.Reliability.Tests;

/// <summary>One job's end: its terminal status and error, and after the operator's cancel (failed jobs only) where it ended.</summary>
internal sealed record JobOutcome(Guid JobId, string Agency, string Status, string? Error, string? AfterCancel, string? NotUndone);
