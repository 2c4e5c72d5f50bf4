using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.Contracts.Advisor;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Apis;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Saga;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>
/// The plan of a dry run: what a job would do, with the snapshot decided by the same rule the saga uses — asking the
/// advisor now when the intake names none. Nothing is written and nothing reaches GHL.
/// </summary>
public sealed class DryRunPlanner(IBus bus, ProvisioningDbContext db, IOptions<JobRunOptions> options, ILogger<DryRunPlanner> logger)
{
    public async Task<ProvisionPlan> PlanAsync(string agencyId, ValidatedIntake intake, CancellationToken ct) =>
        new(true, await SnapshotAsync(agencyId, intake, ct), intake.Business, intake.CustomValues, intake.Users, ProvisioningSteps.All);

    private async Task<SnapshotPlan> SnapshotAsync(string agencyId, ValidatedIntake intake, CancellationToken ct)
    {
        if (intake.SnapshotId is { } requested)
        {
            return new SnapshotPlan(requested, "request", "The intake names this snapshot.");
        }

        var timeout = options.Value.DryRunAdvisorTimeout;
        SnapshotRecommended? advice = null;
        string? noAdvice = null;
        try
        {
            // The bus itself, not the scoped publish endpoint: in an HTTP scope that one is the bus outbox, which would
            // hold the request until a SaveChanges that a dry run never makes.
            var client = bus.CreateRequestClient<RecommendSnapshot>(RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
            var b = intake.Business;
            var response = await client.GetResponse<SnapshotRecommended>(
                new RecommendSnapshot(Guid.Empty, agencyId, new AdvisorBusiness(
                    b.Name, b.Email, b.Phone, b.Website, b.Address, b.City, b.State, b.PostalCode, b.Country, b.Timezone, b.Industry, b.Description, null)),
                ct);
            advice = response.Message;
        }
        catch (RequestTimeoutException)
        {
            noAdvice = $"The advisor did not answer within {timeout.TotalSeconds:0.#} s.";
        }
        catch (RequestFaultException error)
        {
            logger.LogWarning("The advisor failed a dry-run recommendation: {Fault}", error.Fault?.Exceptions.FirstOrDefault()?.ExceptionType);
            noAdvice = "The advisor failed to answer.";
        }

        var agencyDefault = await db.AgencySettings.AsNoTracking().Where(s => s.AgencyId == agencyId)
            .Select(s => s.DefaultSnapshotId).SingleOrDefaultAsync(ct);
        var decision = SnapshotDecision.From(advice, noAdvice, agencyDefault);
        return new SnapshotPlan(decision.SnapshotId, decision.Source, decision.Reason);
    }
}
