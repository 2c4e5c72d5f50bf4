using System.Diagnostics.Metrics;

namespace Provisioner.Messaging.Maintenance;

/// <summary>
/// Meter <c>Provisioner.Messaging</c>. Backlog gauges report the last sample taken by
/// <see cref="MessagingMonitorService{TDbContext}"/> (an observable callback must not query a database).
/// </summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "Provisioner.Messaging";

    private readonly Counter<long> _redeliveries;
    private volatile MessagingBacklog? _last;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _redeliveries = meter.CreateCounter<long>("messaging.inbox.redeliveries", "{message}",
            "Messages that reached a consumer's inbox more than once.");
        meter.CreateObservableGauge("messaging.outbox.backlog", () => _last?.OutboxMessages ?? 0, "{message}",
            "Stored messages not yet confirmed by the broker.");
        meter.CreateObservableGauge("messaging.outbox.oldest_age", () => _last?.OldestUndeliveredAge(DateTime.UtcNow).TotalSeconds ?? 0, "s",
            "Age of the oldest undelivered outbox transaction or consumed message.");
        meter.CreateObservableGauge("messaging.scheduler.backlog", () => _last?.ScheduledMessages ?? 0, "{message}",
            "Scheduled messages not yet sent.");
    }

    public MessagingBacklog? LastBacklog => _last;

    public void RecordRedelivery(string? consumerType) =>
        _redeliveries.Add(1, new KeyValuePair<string, object?>("consumer", consumerType));

    public void RecordBacklog(MessagingBacklog backlog) => _last = backlog;
}
