using Provisioner.Contracts.Advisor;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>A decided snapshot: <see cref="SnapshotId"/> null means none could be chosen and <see cref="Reason"/> says why.</summary>
public sealed record SnapshotDecision(string? SnapshotId, string Source, string Reason)
{
    /// <summary>
    /// The rule the saga and the dry run share: a confident advisor pick; else the agency's default snapshot; else none.
    /// <paramref name="advice"/> is null when the advisor did not answer (<paramref name="noAdvice"/> says why).
    /// </summary>
    public static SnapshotDecision From(SnapshotRecommended? advice, string? noAdvice, string? agencyDefault)
    {
        if (advice is { Confident: true, SnapshotId: { } picked })
        {
            return new SnapshotDecision(picked, "advisor",
                $"The advisor chose {advice.SnapshotName ?? picked} ({advice.Confidence:P0}, {advice.Source}): {string.Join(" ", advice.Reasons)}");
        }

        var reason = advice is null
            ? noAdvice ?? "The advisor did not answer."
            : advice.SnapshotId is null
                ? string.Join(" ", advice.Reasons)
                : $"The advisor was not confident ({advice.Confidence:P0}) about {advice.SnapshotName ?? advice.SnapshotId}.";
        return agencyDefault is not null
            ? new SnapshotDecision(agencyDefault, "agency-default", $"{reason} The agency's default snapshot is used.")
            : new SnapshotDecision(null, "none",
                $"{reason} No snapshot was requested and the agency has no default snapshot: set one in Settings or name a snapshot, then retry.");
    }
}
