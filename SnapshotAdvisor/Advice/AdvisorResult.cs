namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>
/// The ranked candidates, best first. <see cref="Source"/> says who chose the first one; <see cref="FallbackReason"/>
/// is set when a configured model was asked but its answer was not used (<c>timeout</c>, <c>error</c>,
/// <c>malformed</c>, <c>unknown-snapshot</c>).
/// </summary>
public sealed record AdvisorResult(
    IReadOnlyList<Recommendation> Items,
    bool Confident,
    string Source,
    string? FallbackReason)
{
    public const string ModelSource = "model";
    public const string LocalSource = "local";
}
