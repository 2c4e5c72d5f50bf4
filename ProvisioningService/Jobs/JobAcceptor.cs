using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>
/// Stores an accepted intake as a Queued job with its planned steps and first event, and publishes
/// <see cref="ProvisioningRequested"/> through the bus outbox: job and message commit in one transaction or not at all.
/// </summary>
public sealed class JobAcceptor(ProvisioningDbContext db, IPublishEndpoint publish, TimeProvider clock)
{
    public async Task<AcceptOutcome> AcceptAsync(
        string agencyId, string actor, string idempotencyKey, ValidatedIntake intake, CancellationToken cancellationToken)
    {
        var json = IntakeHash.Serialize(intake);
        var hash = IntakeHash.Of(json);
        if (await FindAsync(agencyId, idempotencyKey, hash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = clock.GetUtcNow();
        var job = new ProvisioningJob
        {
            Id = NewId.NextGuid(),
            AgencyId = agencyId,
            IdempotencyKey = idempotencyKey,
            RequestHash = hash,
            Intake = json,
            BusinessName = intake.Business.Name,
            BusinessEmail = intake.Business.Email,
            Status = JobStatus.Queued,
            SnapshotId = intake.SnapshotId,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [.. ProvisioningSteps.All.Select((name, i) => new JobStep { Name = name, Ordinal = i, Status = StepStatus.Pending })],
        };
        db.Jobs.Add(job);
        db.JobEvents.Add(new JobEvent
        {
            JobId = job.Id,
            AgencyId = agencyId,
            Type = nameof(JobStatus.Queued),
            Data = JsonSerializer.Serialize(new { status = nameof(JobStatus.Queued), actor }),
            OccurredAt = now,
        });
        await publish.Publish(
            new ProvisioningRequested(job.Id, agencyId, intake.Business.Name, intake.SnapshotId, actor, now), cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new AcceptOutcome(job.Id, job.Status, AcceptResult.Created);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent request with the same key won the unique index; nothing of ours was saved (the outbox rows
            // included). Answer as the repeat that this request turned out to be.
            db.ChangeTracker.Clear();
            return await FindAsync(agencyId, idempotencyKey, hash, cancellationToken)
                ?? throw new InvalidOperationException("The idempotency index reported a duplicate that cannot be found.", error);
        }
    }

    private async Task<AcceptOutcome?> FindAsync(string agencyId, string key, string hash, CancellationToken cancellationToken)
    {
        var earlier = await db.Jobs
            .Where(j => j.AgencyId == agencyId && j.IdempotencyKey == key)
            .Select(j => new { j.Id, j.Status, j.RequestHash })
            .FirstOrDefaultAsync(cancellationToken);
        return earlier is null
            ? null
            : new AcceptOutcome(earlier.Id, earlier.Status, earlier.RequestHash == hash ? AcceptResult.Repeated : AcceptResult.KeyReusedWithDifferentBody);
    }
}
