using System.ComponentModel.DataAnnotations;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Provisioner.Messaging.Configuration;
using Provisioner.Messaging.Correlation;
using Provisioner.Messaging.Diagnostics;
using Provisioner.Messaging.Maintenance;
using Provisioner.Messaging.Outbox;
using Provisioner.Messaging.Saga;
using Provisioner.Messaging.Scheduler;
using Provisioner.ServiceDefaults;
using Provisioner.ServiceDefaults.Errors;

namespace Provisioner.Messaging;

public static class MessagingHostBuilderExtensions
{
    public const string HealthCheckName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ (<c>ConnectionStrings:rabbitmq</c>) with durable messaging in
    /// <typeparamref name="TDbContext"/>'s database: saga repository, inbox/outbox on every endpoint, bus outbox with
    /// its relay, a scheduler, cleanup, metrics and a health check. <paramref name="configure"/> adds consumers and sagas.
    /// The DbContext must be registered (scoped) and its model must call <c>AddMessagingTables()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> configure)
        where TDbContext : DbContext
    {
        var options = ReadOptions(builder);
        var rabbitMq = builder.Configuration.GetConnectionString(ResourceNames.RabbitMq) is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.RabbitMq} (an amqp:// URI) is not set.");
        var schedulerQueue = string.IsNullOrEmpty(options.SchedulerQueueName)
            ? KebabCaseEndpointNameFormatter.Instance.SanitizeName(builder.Environment.ApplicationName) + "-scheduler"
            : options.SchedulerQueueName;
        var schedulerAddress = new Uri($"queue:{schedulerQueue}");
        var unguarded = new HashSet<string>(options.EndpointsWithoutInbox, StringComparer.OrdinalIgnoreCase) { schedulerQueue };

        var services = builder.Services;
        services.AddOptions<MessagingOptions>().BindConfiguration(nameof(MessagingOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<OutboxDeliveryServiceOptions>(o => o.QueryDelay = options.OutboxPollInterval);
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton<IBusOutboxNotification, BusOutboxNotification>();
        services.TryAddScoped<IOutboxContextFactory<TDbContext>, PgOutboxContextFactory<TDbContext>>();

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.SetSagaRepositoryProvider(new PgSagaRepositoryRegistrationProvider<TDbContext>());
            x.AddMessageScheduler(schedulerAddress);
            x.AddConsumer<PgScheduleMessageConsumer<TDbContext>>()
                .Endpoint(e =>
                {
                    e.Name = schedulerQueue;

                    // One at a time, so a Schedule and the Unschedule that follows it are applied in order.
                    e.ConcurrentMessageLimit = 1;
                });
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                // Retry sits outside the outbox: every attempt is a fresh transaction in a fresh scope. A database outage
                // is waited out by the outer policy (minutes) instead of using up the inner one (seconds) into _error.
                endpoint.UseDatabaseOutageRetry();
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(DatabaseFailures.IsTransient);
                    r.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval);
                });
                if (unguarded.Contains(name))
                {
                    return;
                }

                var outbox = new OutboxConsumePipeSpecificationObserver<TDbContext>(endpoint, context)
                {
                    MessageDeliveryLimit = options.DeliveryBatchSize,
                    MessageDeliveryTimeout = options.DeliveryTimeout,
                };
                endpoint.ConnectConsumerConfigurationObserver(outbox);
                endpoint.ConnectSagaConfigurationObserver(outbox);
            });

            configure(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbitMq, h => h.PublisherConfirmation = true);
                cfg.UseMessageScheduler(schedulerAddress);
                cfg.UseSendFilter(typeof(CorrelationIdSendFilter<>), context);
                cfg.UsePublishFilter(typeof(CorrelationIdSendFilter<>), context);
                cfg.UseConsumeFilter(typeof(CorrelationIdConsumeFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });

        services.Replace(ServiceDescriptor.Scoped<IScopedBusContextProvider<IBus>, PgScopedBusContextProvider<TDbContext>>());
        services.AddHostedService<BusOutboxDeliveryService<TDbContext>>();
        services.AddHostedService<SchedulerDeliveryService<TDbContext>>();
        services.AddSingleton<MessagingCleanupService<TDbContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<MessagingCleanupService<TDbContext>>());
        services.AddHostedService<MessagingMonitorService<TDbContext>>();
        services.AddHealthChecks().AddCheck<MessagingHealthCheck<TDbContext>>(HealthCheckName);
        services.AddMessagingDiagnostics<TDbContext>();
        return builder;
    }

    // The bus topology (scheduler queue, retry) is fixed while the bus is built, before IOptions exists, so the
    // section is read and validated here too; the IOptions registration validates the same values on start.
    private static MessagingOptions ReadOptions(IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(nameof(MessagingOptions)).Get<MessagingOptions>() ?? new MessagingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
