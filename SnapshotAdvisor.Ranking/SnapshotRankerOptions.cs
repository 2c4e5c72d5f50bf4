using System.ComponentModel.DataAnnotations;

namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>Tuning of the local ranker. Defaults were set once on general grounds, then checked on the dev set.</summary>
public sealed class SnapshotRankerOptions
{
    /// <summary>Score a generic starter snapshot gets; a specific snapshot must beat it to be ranked first.</summary>
    [Range(0.05, 0.95)]
    public double StarterScore { get; set; } = 0.30;

    /// <summary>Confidence the first recommendation needs for the result to be flagged confident.</summary>
    [Range(0.05, 1.0)]
    public double ConfidentThreshold { get; set; } = 0.50;

    /// <summary>How many recommendations a result carries at most.</summary>
    [Range(1, 100)]
    public int MaxResults { get; set; } = 5;
}
