using Microsoft.Extensions.Options;

namespace Provisioner.AuditService.Retention;

/// <summary>Runs the archiver at start and then every <see cref="AuditRetentionOptions.Interval"/>.</summary>
public sealed class RetentionService(
    AuditArchiver archiver, IOptions<AuditRetentionOptions> options, TimeProvider clock, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.ArchiveAfterDays == 0)
        {
            logger.LogInformation("Audit retention is off (ArchiveAfterDays = 0): every entry stays in the live table.");
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                await archiver.ArchiveAsync(clock.GetUtcNow().AddDays(-settings.ArchiveAfterDays), settings.BatchSize, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Nothing is lost when a run fails (the move is one transaction); the next tick tries again.
                logger.LogError(error, "Archiving audit entries failed; retrying in {Interval}.", settings.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
