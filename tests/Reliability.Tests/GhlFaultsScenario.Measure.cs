using System.Text.RegularExpressions;

namespace Provisioner.Reliability.Tests;

/// <summary>The scenario's pass line, measured: each job's end, the sandbox's state, duplicates, the GHL journal.</summary>
internal sealed partial class GhlFaultsScenario
{
    private async Task<GhlFaultsFigures> MeasureAsync(
        GhlFaultsPlan plan,
        IReadOnlyList<SubmittedJob> submitted,
        IReadOnlyDictionary<Guid, JobRow> finished,
        IReadOnlyDictionary<Guid, JobRow> afterCancel,
        long journalStart,
        TimeSpan submittedAt,
        TimeSpan allTerminalAt,
        TimeSpan elapsed,
        TimeSpan? revokedAt,
        IReadOnlyList<string> kills)
    {
        var problems = new List<string>();
        var sandbox = new SandboxExpectations(await world.SandboxStateAsync(), submitted);

        var outcomes = new List<JobOutcome>();
        foreach (var job in submitted)
        {
            var row = finished.TryGetValue(job.JobId, out var f) ? f : new JobRow("missing", null, null, null);
            var end = afterCancel.TryGetValue(job.JobId, out var c) ? c : null;
            outcomes.Add(new JobOutcome(job.JobId, job.Agency, row.Status, row.Error, end?.Status, end?.CompensationOutstanding));
            if (!Terminal.Contains(row.Status))
            {
                problems.Add($"job {job.Name} ({job.JobId}) is {row.Status}, not terminal within {plan.FinishTimeout.TotalSeconds:0} s; " +
                    await DescribeStuckJobAsync(job.JobId));
                continue;
            }

            if (row.Status == "Succeeded")
            {
                sandbox.CheckProvisioned(job, row.LocationId, problems);
            }
            else if (row.Status == "Failed")
            {
                CheckFailed(job, row, end, problems);
            }
            else
            {
                problems.Add($"job {job.Name} ({job.JobId}) ended {row.Status} without anyone cancelling it");
            }
        }

        var jobIds = submitted.Select(j => j.JobId).ToArray();
        var succeededIds = outcomes.Where(o => o.Status == "Succeeded").Select(o => o.JobId).ToHashSet();
        Dictionary<(Guid JobId, string Step), long> stepEvents;
        await using (var db = await world.OpenProvisioningDbAsync())
        {
            stepEvents = await JobStepEvents.CountCompletedAsync(db, jobIds);
        }

        var duplicateStepEvents = stepEvents.Values.Sum(n => (int)Math.Max(0, n - 1));
        foreach (var jobId in succeededIds)
        {
            foreach (var step in JobStepEvents.AllSteps.Where(s => stepEvents.GetValueOrDefault((jobId, s)) != 1))
            {
                problems.Add($"job {jobId}: {stepEvents.GetValueOrDefault((jobId, step))} JobStepCompleted events for {step}");
            }
        }

        var (auditDuplicates, auditMissing) = world.Options.WithAudit ? await CompareAuditAsync(jobIds, stepEvents, problems) : (0, 0);
        var compensationRecorded = await CompensationEventsAsync(outcomes.Where(o => o.Status == "Failed").Select(o => o.JobId).ToArray());
        foreach (var outcome in outcomes.Where(o => o.Status == "Failed" && o.AfterCancel == "Compensated" && !compensationRecorded.Contains(o.JobId)))
        {
            problems.Add($"job {outcome.JobId}: Compensated without a Compensated event listing undone/notUndone");
        }

        var journal = (await world.JournalAsync(journalStart)).ToList();
        foreach (var problem in problems)
        {
            log("  problem: " + problem);
        }

        return new GhlFaultsFigures(
            plan.Label, outcomes, submittedAt, allTerminalAt - submittedAt, elapsed, revokedAt, kills,
            sandbox.DuplicateLocations, sandbox.DuplicateUsers, sandbox.DuplicateCustomValues, duplicateStepEvents, auditDuplicates, auditMissing,
            journal.Count,
            journal.Count(e => e.Fault?.StartsWith("status:429", StringComparison.Ordinal) == true),
            journal.Count(e => e.Fault?.StartsWith("status:5", StringComparison.Ordinal) == true),
            journal.Count(e => e.DurationMs >= 4900),
            journal.Count(e => e.Status == 429 && e.Fault is null),
            journal.Count(e => e.Status == 401),
            journal.Count(e => e.Path.StartsWith("/oauth/token", StringComparison.Ordinal) && e.Status == 200),
            journal.Count(e => e.Path.StartsWith("/oauth/token", StringComparison.Ordinal) && e.Status is 400 or 401),
            problems);
    }

    /// <summary>
    /// A failed job's error must say where and what: "{step}: " and GHL's status and message, the agency's lost
    /// connection, or the step's own sentence. After the cancel it must end Compensated with what could not be undone
    /// listed (GHL always refuses the location deletion to apps), or Cancelled when it had created nothing.
    /// </summary>
    private static void CheckFailed(SubmittedJob job, JobRow row, JobRow? end, List<string> problems)
    {
        if (row.Error is null || !PreciseError().IsMatch(row.Error))
        {
            problems.Add($"job {job.Name} ({job.JobId}) Failed without a precise error: '{row.Error}'");
        }

        if (end is null || end.Status is not ("Compensated" or "Cancelled"))
        {
            problems.Add($"job {job.Name} ({job.JobId}) Failed, then cancelled: ended {end?.Status ?? "missing"}, not Compensated/Cancelled");
        }
        else if (row.LocationId is not null && (end.Status != "Compensated" || string.IsNullOrEmpty(end.CompensationOutstanding)))
        {
            problems.Add($"job {job.Name} ({job.JobId}) had location {row.LocationId}: ended {end.Status} with notUndone '{end.CompensationOutstanding}'");
        }
    }

    /// <summary>A step name, then at least a short sentence (GHL's status and message, or the step's own words).</summary>
    [GeneratedRegex("^(choose-snapshot|create-location|wait-for-snapshot|custom-values|users): .{12,}", RegexOptions.Singleline)]
    private static partial Regex PreciseError();
}
