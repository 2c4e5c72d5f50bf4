using Provisioner.Web.Errors;

namespace Provisioner.Web.Operations;

/// <summary>The queues, or why there are none to show: the management API is not configured or did not answer.</summary>
public sealed record QueueListing(QueueListingState State, IReadOnlyList<QueueInfo> Queues, ProblemInfo? Problem)
{
    public static readonly QueueListing NotConfigured = new(QueueListingState.NotConfigured, [], null);

    public static QueueListing Loaded(IReadOnlyList<QueueInfo> queues) => new(QueueListingState.Loaded, queues, null);

    public static QueueListing Failed(ProblemInfo problem) => new(QueueListingState.Failed, [], problem);
}

public enum QueueListingState
{
    NotConfigured,
    Loaded,
    Failed,
}
