using Provisioner.Web.Errors;

namespace Provisioner.Web.Backend;

/// <summary>Where a live stream stands, for the page to show ("Live", "Reconnecting in 4 s", "Ended").</summary>
public sealed record FeedState(FeedPhase Phase, TimeSpan? RetryIn = null, ProblemInfo? Problem = null);

public enum FeedPhase
{
    Connecting,
    Live,
    Reconnecting,

    /// <summary>The stream ended after a final job state: nothing more will come.</summary>
    Ended,

    /// <summary>The stream cannot be had (not found, not allowed, not there): reconnecting would not help.</summary>
    Unavailable,
}
