using Microsoft.Extensions.Options;
using Provisioner.Contracts.Advisor;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>
/// Ranks an agency's visible snapshots for a business: always with the local ranker (it is the fallback and gives
/// the model its hints), then, when a chat model is available, lets the model choose the first place among the
/// candidates. The model's pick leads; the rest keep the local order.
/// </summary>
public sealed class RecommendationService(
    AdvisorDbContext db,
    LibraryIndexCache indexes,
    SnapshotRanker ranker,
    ModelRecommender model,
    IOptions<SnapshotRankerOptions> rankerOptions)
{
    public async Task<AdvisorResult> RecommendAsync(string agencyId, AdvisorBusiness business, CancellationToken cancellationToken)
    {
        var index = await indexes.GetAsync(db, agencyId, cancellationToken);
        var local = ranker.Rank(ToProfile(business), index);
        var localItems = local.Recommendations
            .Select(r => new Recommendation(r.SnapshotId, r.Name, r.Score, r.Confidence, r.Reasons, AdvisorResult.LocalSource))
            .ToList();
        if (!model.IsAvailable || localItems.Count == 0)
        {
            return new AdvisorResult(localItems, local.Confident, AdvisorResult.LocalSource, null);
        }

        var outcome = await model.AskAsync(business, index, local, cancellationToken);
        if (outcome.Pick is not { } pick)
        {
            return new AdvisorResult(localItems, local.Confident, AdvisorResult.LocalSource, outcome.Fallback!.Code);
        }

        // The score stays the local ranker's (the model gives none); order, not score, carries the model's choice.
        var localScore = localItems.FirstOrDefault(i => i.SnapshotId == pick.Candidate.Id)?.Score ?? 0;
        var first = new Recommendation(pick.Candidate.Id, pick.Candidate.Name, localScore, Math.Round(pick.Confidence, 4),
            pick.Reasons, AdvisorResult.ModelSource);
        var items = localItems.Where(i => i.SnapshotId != pick.Candidate.Id).Prepend(first).ToList();
        return new AdvisorResult(items, pick.Confidence >= rankerOptions.Value.ConfidentThreshold, AdvisorResult.ModelSource, null);
    }

    private static BusinessProfile ToProfile(AdvisorBusiness business) => new(
        business.Name ?? "",
        business.Industry ?? "",
        business.Description ?? "",
        business.Services ?? [],
        business.Website ?? "");
}
