using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Moves a delivery that cannot be audited to <c>{queue}_error</c> as MassTransit would: the body and properties
/// unchanged, plus <c>MT-Reason</c> and <c>MT-Fault-*</c> headers saying why. The publish waits for the broker's
/// confirm, so the original is acknowledged only once the copy is safe. Reasons never quote the payload.
/// </summary>
public sealed class ErrorQueue(IChannel confirmingChannel, string queue)
{
    /// <summary>MT-Fault-ExceptionType of a message refused before storing: not an envelope, or a type not audited.</summary>
    public const string UnauditableType = "Provisioner.AuditService.Ingestion.UnauditableMessage";

    private readonly SemaphoreSlim publishing = new(1, 1);
    private readonly string exchange = AuditTopology.ErrorQueueOf(queue);

    public async Task MoveAsync(BasicDeliverEventArgs delivery, ReadOnlyMemory<byte> body, string reason, Exception? error, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties(delivery.BasicProperties)
        {
            Persistent = true,
            Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-Message"] = reason,
                ["MT-Fault-ExceptionType"] = error?.GetType().FullName ?? UnauditableType,
                ["MT-Fault-Timestamp"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["MT-Host-MachineName"] = Environment.MachineName,
                ["MT-Host-ProcessName"] = "AuditService",
            },
        };

        await publishing.WaitAsync(cancellationToken);
        try
        {
            await confirmingChannel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, cancellationToken);
        }
        finally
        {
            publishing.Release();
        }
    }

    /// <summary>A header as text (the broker hands strings back as bytes); for tests and operators' tools.</summary>
    public static string? HeaderText(IReadOnlyBasicProperties properties, string name) =>
        (properties.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null) switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            _ => null,
        };
}
