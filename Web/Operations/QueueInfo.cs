namespace Provisioner.Web.Operations;

/// <summary>
/// One RabbitMQ queue's figures from the management API. Counts are null until the broker has collected statistics
/// for a new queue (every few seconds); rates are messages per second over the broker's sampling window.
/// </summary>
public sealed record QueueInfo(
    string Name,
    string VirtualHost,
    string? State,
    long? Messages,
    long? MessagesReady,
    long? MessagesUnacknowledged,
    int? Consumers,
    double? PublishRate,
    double? DeliverRate,
    double? AckRate);
