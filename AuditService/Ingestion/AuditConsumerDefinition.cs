using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.ServiceDefaults.Errors;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Puts every audit consumer on the one audit queue, with a prefetch and concurrency large enough to fill a batch:
/// each delivery stays open until its batch commits, so a small prefetch would cap the batch size.
/// </summary>
public sealed class AuditConsumerDefinition<T> : ConsumerDefinition<AuditConsumer<T>> where T : class
{
    public AuditConsumerDefinition(IOptions<AuditIngestionOptions> options)
    {
        EndpointName = options.Value.QueueName;
        ConcurrentMessageLimit = options.Value.MaxInFlight;
        Endpoint(e =>
        {
            e.PrefetchCount = options.Value.MaxInFlight;
            e.ConcurrentMessageLimit = options.Value.MaxInFlight;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AuditConsumer<T>> consumerConfigurator,
        IRegistrationContext context)
    {
        // A database outage is waited out (minutes, message unacknowledged) rather than using up the short retry into
        // audit-log_error; the short one ignores it, since an outer retry does not retry what an inner one gave up on.
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseFailures.IsTransient);
            r.Intervals(DatabaseFailures.OutageRetryIntervals);
        });

        // A failed batch fails every delivery in it; each is retried on its own and usually lands in a healthy batch.
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(DatabaseFailures.IsTransient);
            r.Intervals(100, 500, 2_000, 5_000);
        });
    }
}
