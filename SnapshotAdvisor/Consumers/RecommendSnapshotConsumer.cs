using MassTransit;
using Provisioner.Contracts.Advisor;
using Provisioner.SnapshotAdvisor.Advice;

namespace Provisioner.SnapshotAdvisor.Consumers;

/// <summary>
/// Answers the provisioning saga's request with the first recommendation. An agency with no visible snapshot gets an
/// answer too (no id, not confident), so the saga can ask a person instead of waiting for a timeout.
/// </summary>
public sealed class RecommendSnapshotConsumer(RecommendationService advisor) : IConsumer<RecommendSnapshot>
{
    public async Task Consume(ConsumeContext<RecommendSnapshot> context)
    {
        var request = context.Message;
        var result = await advisor.RecommendAsync(request.AgencyId, request.Business, context.CancellationToken);
        if (result.Items.Count == 0)
        {
            await context.RespondAsync(new SnapshotRecommended(request.JobId, request.AgencyId, null, null, false, 0,
                ["The agency's library has no visible snapshot; sync it from GHL or unhide one."], result.Source));
            return;
        }

        var first = result.Items[0];
        var reasons = result.FallbackReason is null
            ? first.Reasons
            : [.. first.Reasons, $"The chat model's answer was not used ({result.FallbackReason}); the local ranker chose."];
        await context.RespondAsync(new SnapshotRecommended(request.JobId, request.AgencyId, first.SnapshotId, first.Name,
            result.Confident, first.Confidence, reasons, result.Source));
    }
}
