namespace Provisioner.Web.Backend;

/// <summary>One line of the job log, in words, from an event's type and data.</summary>
public static class JobEventText
{
    public static string Describe(JobEvent e)
    {
        var step = e.Text("step");
        var attempt = e.Text("attempt") is { } a ? $" (attempt {a})" : "";
        return e.Type switch
        {
            "Queued" => "Job queued.",
            "Running" => e.Text("resumedFromStep") is { } from ? $"Job running again from step {from}." : "Job running.",
            "SnapshotChosen" => $"Snapshot {e.Text("snapshotId") ?? "?"} chosen ({e.Text("source") ?? "?"}): {e.Text("reason") ?? ""}".TrimEnd(' ', ':'),
            "JobStepStarted" => $"Step {step} started{attempt}.",
            "JobStepCompleted" => $"Step {step} completed{attempt}" + (e.Text("detail") is { } d ? $": {d}" : "."),
            "JobStepFailed" => $"Step {step} failed{attempt}: {e.Text("error") ?? "no reason given"}"
                + (e.Text("final") == "true" ? " — giving up." : e.Text("retryable") == "true" ? " — will retry." : ""),
            "SnapshotLoadProgressed" => $"Snapshot loading: {e.Text("percentComplete") ?? "?"} %" + (e.Text("detail") is { } d ? $" ({d})" : ""),
            "Succeeded" => "Job succeeded.",
            "Failed" => $"Job failed" + (e.Text("error") is { } err ? $": {err}" : "."),
            "CancelRequested" => "Cancellation requested.",
            "Cancelled" => "Job cancelled.",
            "Compensated" => "Changes undone (compensated).",
            "Retried" => "Retry requested.",
            _ => e.Text("detail") ?? e.Text("error") ?? e.Type,
        };
    }

    public static bool IsError(JobEvent e) => e.Type is "JobStepFailed" or "Failed";
}
