using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Configuration;

namespace Provisioner.Messaging.Maintenance;

/// <summary>Samples the backlog for the metrics every <see cref="MessagingOptions.MetricsInterval"/>.</summary>
public sealed class MessagingMonitorService<TDbContext>(
    IServiceScopeFactory scopes,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    ILogger<MessagingMonitorService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MetricsInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                metrics.RecordBacklog(await MessagingBacklog.ReadAsync(db, stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Sampling the messaging backlog failed");
            }
        }
        while (await Ticks.NextAsync(timer, stoppingToken));
    }
}
