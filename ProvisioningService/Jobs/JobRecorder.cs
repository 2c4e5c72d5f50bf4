using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>
/// The one writer of a job's visible state while it runs: the job row, its steps, an appended <see cref="JobEvent"/>
/// (what the SSE streams replay) and the matching contract event (what AuditService stores) — all in the saga's consume
/// transaction, so the page, the stream, the audit and the saga never disagree.
/// Nothing is saved here: the consume's own SaveChanges (the saga's update, the outbox's) writes a whole step boundary in
/// one round trip instead of one per record. Code that queries these rows later in the same consume saves first
/// (<see cref="JobAdmissions"/> does).
/// </summary>
public sealed class JobRecorder(ProvisioningDbContext db, IPublishEndpoint publish, TimeProvider clock)
{
    private const int MaxErrorLength = 2000;

    public async Task StartedAsync(Guid jobId, string? resumedFromStep, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        job.Status = JobStatus.Running;
        job.StartedAt ??= now;
        job.Error = null;
        await RecordAsync(job, "Running", new { status = "Running", resumedFromStep }, now,
            new ProvisioningStarted(jobId, job.AgencyId, resumedFromStep, now), ct);
    }

    public async Task SnapshotChosenAsync(Guid jobId, string snapshotId, string source, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        job.SnapshotId = snapshotId;
        job.SnapshotReason = Truncate($"{source}: {reason}");
        await RecordAsync(job, nameof(SnapshotChosen), new { snapshotId, source, reason }, now,
            new SnapshotChosen(jobId, job.AgencyId, snapshotId, source, reason, now), ct);
    }

    public async Task StepStartedAsync(Guid jobId, string step, int attempt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        var row = Step(job, step);
        row.Status = StepStatus.Running;
        row.Attempts = attempt;
        row.StartedAt = attempt == 1 || row.StartedAt is null ? now : row.StartedAt;
        row.CompletedAt = null;
        await RecordAsync(job, nameof(JobStepStarted), new { step, attempt }, now,
            new JobStepStarted(jobId, job.AgencyId, step, attempt, now), ct);
    }

    public async Task StepCompletedAsync(Guid jobId, string step, int attempt, string detail, string? locationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        var row = Step(job, step);
        row.Status = StepStatus.Succeeded;
        row.Attempts = Math.Max(row.Attempts, attempt);
        row.StartedAt ??= now;
        row.CompletedAt = now;
        row.Error = null;
        row.Detail = Truncate(detail, 500);
        job.LocationId = locationId ?? job.LocationId;
        await RecordAsync(job, nameof(JobStepCompleted), new { step, attempt, detail, locationId = job.LocationId }, now,
            new JobStepCompleted(jobId, job.AgencyId, step, attempt, job.LocationId, detail, now), ct);
    }

    public async Task SnapshotLoadProgressedAsync(
        Guid jobId, string locationId, string snapshotId, string status, int percent, int poll, string detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        Step(job, ProvisioningSteps.WaitForSnapshot).Detail = Truncate(detail, 500);
        await RecordAsync(job, nameof(SnapshotLoadProgressed), new { locationId, snapshotId, status, percentComplete = percent, poll, detail }, now,
            new SnapshotLoadProgressed(jobId, job.AgencyId, locationId, snapshotId, status, percent, poll, now), ct);
    }

    /// <summary>An attempt failed; <paramref name="final"/> marks the step Failed (no more attempts), else it stays Running.</summary>
    public async Task StepFailedAsync(Guid jobId, string step, int attempt, string error, bool retryable, bool final, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        var row = Step(job, step);
        row.Status = final ? StepStatus.Failed : StepStatus.Running;
        row.Attempts = Math.Max(row.Attempts, attempt);
        row.Error = Truncate(error);
        await RecordAsync(job, nameof(JobStepFailed), new { step, attempt, error = row.Error, retryable, final }, now,
            new JobStepFailed(jobId, job.AgencyId, step, attempt, row.Error, retryable, now), ct);
    }

    public async Task SucceededAsync(Guid jobId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        job.Status = JobStatus.Succeeded;
        job.CompletedAt = now;
        job.Error = null;
        await RecordAsync(job, "Succeeded", new { status = "Succeeded", locationId = job.LocationId, snapshotId = job.SnapshotId }, now,
            new ProvisioningSucceeded(jobId, job.AgencyId, job.LocationId ?? string.Empty, job.SnapshotId, now), ct);
    }

    public async Task FailedAsync(Guid jobId, string step, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        job.Status = JobStatus.Failed;
        job.CompletedAt = now;
        job.Error = Truncate($"{step}: {error}");
        var row = Step(job, step);
        row.Status = StepStatus.Failed;
        row.Error ??= Truncate(error);
        await RecordAsync(job, "Failed", new { status = "Failed", step, error = job.Error }, now,
            new ProvisioningFailed(jobId, job.AgencyId, step, job.Error, job.LocationId, now), ct);
    }

    /// <summary>A failed job goes back to the queue; its failed step runs again from attempt 1 when it gets a slot.</summary>
    public async Task RetriedAsync(Guid jobId, string? step, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        job.Status = JobStatus.Queued;
        job.CompletedAt = null;
        job.Error = null;
        if (step is not null)
        {
            var row = Step(job, step);
            row.Status = StepStatus.Pending;
            row.Error = null;
        }

        Append(job, "Retried", new { status = "Queued", step, actor }, now);
    }

    public async Task CancelRequestedAsync(Guid jobId, string actor, CancellationToken ct)
    {
        var job = await JobAsync(jobId, ct);
        Append(job, "CancelRequested", new { actor }, clock.GetUtcNow());
    }

    /// <summary>Cancelled with nothing in GHL to undo: the job ends Cancelled and unrun steps are Skipped.</summary>
    public async Task CancelledAsync(Guid jobId, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        job.Status = JobStatus.Cancelled;
        job.CompletedAt = now;
        SkipUnfinished(job);
        await RecordAsync(job, "Cancelled", new { status = "Cancelled", actor }, now,
            new ProvisioningCancelled(jobId, job.AgencyId, job.LocationId, actor, now), ct);
    }

    /// <summary>Cancelled after creating things in GHL: compensation ran; what GHL refused to undo is kept for a person.</summary>
    public async Task CompensatedAsync(Guid jobId, string actor, IReadOnlyList<string> undone, IReadOnlyList<string> notUndone, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var job = await JobAsync(jobId, ct);
        await RecordAsync(job, "Cancelled", new { status = "Cancelled", actor }, now,
            new ProvisioningCancelled(jobId, job.AgencyId, job.LocationId, actor, now), ct);
        job.Status = JobStatus.Compensated;
        job.CompletedAt = now;
        job.CompensationOutstanding = notUndone.Count == 0 ? null : JsonSerializer.Serialize(notUndone);
        job.Error = notUndone.Count == 0 ? null : Truncate($"Not undone: {string.Join("; ", notUndone)}");
        SkipUnfinished(job);
        await RecordAsync(job, "Compensated", new { status = "Compensated", undone, notUndone, actor }, now,
            new ProvisioningCompensated(jobId, job.AgencyId, job.LocationId, undone, notUndone, actor, now), ct);
    }

    private static void SkipUnfinished(ProvisioningJob job)
    {
        foreach (var step in job.Steps.Where(s => s.Status is StepStatus.Pending or StepStatus.Running or StepStatus.Failed))
        {
            step.Status = StepStatus.Skipped;
        }
    }

    private async Task<ProvisioningJob> JobAsync(Guid jobId, CancellationToken ct) =>
        db.Jobs.Local.FirstOrDefault(j => j.Id == jobId)
        ?? await db.Jobs.Include(j => j.Steps).SingleOrDefaultAsync(j => j.Id == jobId, ct)
        ?? throw new InvalidOperationException($"Job {jobId} does not exist; a saga event arrived for a job that was never stored.");

    private static JobStep Step(ProvisioningJob job, string step) =>
        job.Steps.SingleOrDefault(s => s.Name == step) is { } row ? row : AddStep(job, step);

    /// <summary>Jobs accepted before a step was added to the plan get the step when they first reach it.</summary>
    private static JobStep AddStep(ProvisioningJob job, string step)
    {
        var row = new JobStep { JobId = job.Id, Name = step, Ordinal = ProvisioningSteps.All.ToList().IndexOf(step), Status = StepStatus.Pending };
        job.Steps.Add(row);
        return row;
    }

    /// <summary>Appends the event and publishes its contract (through the consume outbox); saved with the consume.</summary>
    private Task RecordAsync<T>(ProvisioningJob job, string type, object data, DateTimeOffset now, T contract, CancellationToken ct)
        where T : class
    {
        Append(job, type, data, now);
        return publish.Publish(contract, ct);
    }

    private void Append(ProvisioningJob job, string type, object data, DateTimeOffset now)
    {
        job.UpdatedAt = now;
        db.JobEvents.Add(new JobEvent { JobId = job.Id, AgencyId = job.AgencyId, Type = type, Data = JsonSerializer.Serialize(data, JsonOptions), OccurredAt = now });
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Truncate(string text, int max = MaxErrorLength) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
