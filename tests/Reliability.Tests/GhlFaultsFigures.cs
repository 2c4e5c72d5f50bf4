using System.Text;

namespace Provisioner.Reliability.Tests;

/// <summary>What a <see cref="GhlFaultsScenario"/> run measured; <see cref="ToString"/> is the text printed to the test output.</summary>
internal sealed record GhlFaultsFigures(
    string Label,
    IReadOnlyList<JobOutcome> Jobs,
    TimeSpan SubmittedIn,
    TimeSpan AllTerminalAfterSubmission,
    TimeSpan Elapsed,
    TimeSpan? RevokedAt,
    IReadOnlyList<string> Kills,
    int DuplicateLocations,
    int DuplicateUsers,
    int DuplicateCustomValues,
    int DuplicateStepEvents,
    int AuditDuplicates,
    int AuditMissing,
    int GhlRequests,
    int Injected429,
    int Injected5xx,
    int SlowAnswers,
    int Unprevented429,
    int Answers401,
    int TokenGrants,
    int TokenGrantsRefused,
    IReadOnlyList<string> Problems)
{
    public int Succeeded => Jobs.Count(j => j.Status == "Succeeded");

    public int Failed => Jobs.Count(j => j.Status == "Failed");

    public override string ToString()
    {
        var text = new StringBuilder()
            .Append($"[{Label}] jobs {Jobs.Count}: succeeded {Succeeded}, failed {Failed}")
            .Append($" (after the operator's cancel: compensated {Jobs.Count(j => j.AfterCancel == "Compensated")}, cancelled {Jobs.Count(j => j.AfterCancel == "Cancelled")})")
            .Append($"; all terminal {AllTerminalAfterSubmission.TotalSeconds:0.0} s after the last submission, wall time {Elapsed.TotalSeconds:0.0} s")
            .Append(RevokedAt is { } revoked ? $"; tokens revoked at {revoked.TotalSeconds:0.0} s" : "")
            .Append($"\n[{Label}] duplicates: locations {DuplicateLocations}, users {DuplicateUsers}, custom values {DuplicateCustomValues}, JobStepCompleted {DuplicateStepEvents}")
            .Append($"; audit JobStepCompleted duplicated {AuditDuplicates}, missing {AuditMissing}")
            .Append($"\n[{Label}] GHL journal: {GhlRequests} requests, injected 429 {Injected429}, injected 5xx {Injected5xx}, answers ≥ 4.9 s {SlowAnswers}, ")
            .Append($"429 not injected (the budget should have prevented) {Unprevented429}, 401 {Answers401}, ")
            .Append($"/oauth/token granted {TokenGrants}, refused {TokenGrantsRefused}");
        foreach (var kill in Kills)
        {
            text.Append($"\n[{Label}] kill: {kill}");
        }

        foreach (var job in Jobs.Where(j => j.Status != "Succeeded"))
        {
            text.Append($"\n[{Label}] {job.Status} {job.JobId} ({job.Agency}): {job.Error} → {job.AfterCancel}; notUndone {job.NotUndone}");
        }

        foreach (var problem in Problems)
        {
            text.Append($"\n[{Label}] problem: {problem}");
        }

        return text.ToString();
    }
}
