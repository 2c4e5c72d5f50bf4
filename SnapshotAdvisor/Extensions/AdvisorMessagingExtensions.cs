using MassTransit;
using Provisioner.ServiceDefaults;
using Provisioner.SnapshotAdvisor.Consumers;

namespace Provisioner.SnapshotAdvisor.Extensions;

public static class AdvisorMessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ with the advisor's consumers. Neither needs the outbox: the recommendation answer is a
    /// response to a request (the saga times out and asks again if it is lost) and the sync is idempotent. This is the
    /// one place to switch to the shared Messaging library's AddMessaging.
    /// </summary>
    public static void AddAdvisorMessaging(this IHostApplicationBuilder builder)
    {
        var rabbitMq = builder.Configuration.GetConnectionString(ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.RabbitMq} is not set. AppHost sets it; see the README's configuration table.");

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<RecommendSnapshotConsumer>();
            bus.AddConsumer<AgencyConnectedConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(rabbitMq));
                rabbit.ConfigureEndpoints(context);
            });
        });
    }
}
