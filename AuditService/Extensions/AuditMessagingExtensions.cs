using MassTransit;
using Provisioner.AuditService.Ingestion;
using Provisioner.ServiceDefaults;

namespace Provisioner.AuditService.Extensions;

public static class AuditMessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ with one generic consumer per audited type, all on one durable queue. The audit log
    /// needs no inbox or outbox: the messageId unique check makes redelivery harmless and it publishes nothing.
    /// This is the one place to switch to the shared Messaging library's AddMessaging.
    /// </summary>
    public static void AddAuditMessaging(this IHostApplicationBuilder builder, IReadOnlyList<Type> auditedTypes)
    {
        var rabbitMq = builder.Configuration.GetConnectionString(ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.RabbitMq} is not set. AppHost sets it; see the README's configuration table.");

        // Start-up completes only once the queue and its bindings exist, so nothing published after that is missed.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            foreach (var type in auditedTypes)
            {
                bus.AddConsumer(
                    typeof(AuditConsumer<>).MakeGenericType(type),
                    typeof(AuditConsumerDefinition<>).MakeGenericType(type));
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(rabbitMq));
                rabbit.ConfigureEndpoints(context);
            });
        });
    }
}
