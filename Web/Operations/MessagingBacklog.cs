using Provisioner.Web.Errors;

namespace Provisioner.Web.Operations;

/// <summary>
/// A service's messaging backlog as its <c>…/operations/backlog</c> endpoint reports it (Messaging's
/// <c>MessagingBacklogReport</c>): outgoing messages not yet confirmed by the broker, scheduled messages due and
/// pending, inbox rows. Ages in seconds, null when nothing waits.
/// </summary>
public sealed record MessagingBacklog(
    long OutboxMessages,
    long OutboxTransactions,
    long InboxAwaitingDelivery,
    double? OldestUndeliveredSeconds,
    long ScheduledDue,
    long ScheduledPending,
    double? OldestDueSeconds,
    DateTime? NextScheduledAt,
    long InboxRows,
    DateTime SampledAt);

/// <summary>One service's backlog, or the problem that kept the page from reading it.</summary>
public sealed record ServiceBacklog(string Service, MessagingBacklog? Backlog, ProblemInfo? Problem);
