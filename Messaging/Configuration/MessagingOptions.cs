using System.ComponentModel.DataAnnotations;

namespace Provisioner.Messaging.Configuration;

/// <summary>Tuning of the durable messaging pipeline (section <c>MessagingOptions</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// Queue of this service's scheduler. It must be unique per service (per database): the scheduler stores what it
    /// receives in its own database. Empty means "<c>{application-name}-scheduler</c>".
    /// </summary>
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,200}$", ErrorMessage = "SchedulerQueueName must be a kebab-case queue name.")]
    public string? SchedulerQueueName { get; set; }

    /// <summary>Endpoints that get retries but no inbox/outbox: consumers that are idempotent by themselves.</summary>
    public string[] EndpointsWithoutInbox { get; set; } = [];

    /// <summary>Immediate retries of a failed message, each in a fresh transaction, before it goes to <c>_error</c>.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Outgoing messages sent per delivery transaction (consumer outbox and relay).</summary>
    [Range(1, 1000)]
    public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>How often the relay looks for committed rows when nothing woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for the broker to confirm one message before the relay stops and retries later.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the scheduler looks for due messages (the lateness of a scheduled message).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SchedulerPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a delivered inbox row is kept: a redelivery within this window is recognised.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 100_000)]
    public int CleanupBatchSize { get; set; } = 1000;

    /// <summary>How often backlog metrics are sampled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The health check is unhealthy when the oldest undelivered row is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StuckDeliveryThreshold { get; set; } = TimeSpan.FromMinutes(2);
}
