using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// Retry and cancel. The saga decides; these endpoints check the job is in a state that can take the command (so the
/// caller gets a clear 409 instead of a silent no-op) and send it through the bus outbox.
/// </summary>
public static class JobControlEndpoints
{
    private static readonly JobStatus[] Cancellable = [JobStatus.Queued, JobStatus.Running, JobStatus.Failed];

    public static async Task<Results<Accepted<JobAccepted>, NotFound, ProblemHttpResult>> RetryAsync(
        Guid id, ClaimsPrincipal user, ProvisioningDbContext db, IPublishEndpoint publish, TimeProvider clock, CancellationToken ct)
    {
        var agency = ProvisioningPolicies.AgencyOf(user);
        var status = await StatusAsync(db, id, agency, ct);
        if (status is null)
        {
            return TypedResults.NotFound();
        }

        if (status != JobStatus.Failed)
        {
            return Conflict($"Only a failed job can be retried; this job is {status}.");
        }

        await publish.Publish(new RetryProvisioning(id, agency, ProvisioningPolicies.ActorOf(user), clock.GetUtcNow()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/jobs/{id}", new JobAccepted(id, nameof(JobStatus.Queued)));
    }

    public static async Task<Results<Accepted<JobAccepted>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal user, ProvisioningDbContext db, IPublishEndpoint publish, TimeProvider clock, CancellationToken ct)
    {
        var agency = ProvisioningPolicies.AgencyOf(user);
        var status = await StatusAsync(db, id, agency, ct);
        if (status is null)
        {
            return TypedResults.NotFound();
        }

        if (!Cancellable.Contains(status.Value))
        {
            return Conflict($"A {status} job cannot be cancelled; only queued, running or failed ones can.");
        }

        await publish.Publish(new CancelProvisioning(id, agency, ProvisioningPolicies.ActorOf(user), clock.GetUtcNow()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/jobs/{id}", new JobAccepted(id, status.Value.ToString()));
    }

    private static Task<JobStatus?> StatusAsync(ProvisioningDbContext db, Guid id, string agency, CancellationToken ct) =>
        db.Jobs.AsNoTracking().Where(j => j.Id == id && j.AgencyId == agency).Select(j => (JobStatus?)j.Status).FirstOrDefaultAsync(ct);

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The job is not in a state that allows this.");
}
