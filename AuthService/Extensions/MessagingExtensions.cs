using MassTransit;
using Provisioner.ServiceDefaults;

namespace Provisioner.AuthService.Extensions;

public static class MessagingExtensions
{
    /// <summary>
    /// Plain MassTransit over RabbitMQ for publishing the Contracts.Auth events. Kept in this one method so it can
    /// be swapped for the shared Messaging library's transactional outbox (<c>AddMessaging&lt;AuthDbContext&gt;()</c>).
    /// </summary>
    public static void AddAuthMessaging(this IHostApplicationBuilder builder)
    {
        var rabbitMq = builder.Configuration.GetConnectionString(ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.RabbitMq} is not set. AppHost sets it.");
        builder.Services.AddMassTransit(bus => bus.UsingRabbitMq((context, rabbit) =>
        {
            rabbit.Host(new Uri(rabbitMq));
            rabbit.ConfigureEndpoints(context);
        }));
    }
}
