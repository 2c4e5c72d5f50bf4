using MassTransit;
using Provisioner.Contracts.Advisor;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>Stands in for SnapshotAdvisor: answers as <see cref="Behaviour"/> says (per test instance via DI).</summary>
internal sealed class FakeAdvisor(AdvisorBehaviour behaviour) : IConsumer<RecommendSnapshot>
{
    public async Task Consume(ConsumeContext<RecommendSnapshot> context)
    {
        var request = context.Message;
        switch (behaviour.Mode)
        {
            case AdvisorMode.Confident:
                await context.RespondAsync(new SnapshotRecommended(request.JobId, request.AgencyId, "snap-advised", "Advised", true, 0.91,
                    ["Industry matches."], "local"));
                break;
            case AdvisorMode.Unsure:
                await context.RespondAsync(new SnapshotRecommended(request.JobId, request.AgencyId, "snap-maybe", "Maybe", false, 0.2,
                    ["Weak match."], "local"));
                break;
            case AdvisorMode.Silent:
                break;
            case AdvisorMode.Throws:
                throw new InvalidOperationException("advisor broke");
        }
    }
}

internal enum AdvisorMode
{
    Confident,
    Unsure,
    Silent,
    Throws,
}

internal sealed class AdvisorBehaviour
{
    public AdvisorMode Mode { get; set; } = AdvisorMode.Confident;
}
