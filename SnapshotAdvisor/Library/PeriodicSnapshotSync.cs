using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.SnapshotAdvisor.Data;

namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>
/// Re-syncs every known agency's library on a fixed interval, so snapshots created or deleted in GHL show up here
/// without anyone asking. One agency's failure is logged (and recorded by the sync) and does not stop the others.
/// </summary>
public sealed partial class PeriodicSnapshotSync(
    IServiceScopeFactory scopes, IOptions<SnapshotSyncOptions> options, TimeProvider clock, ILogger<PeriodicSnapshotSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SyncAllAsync(stoppingToken);
        }
    }

    internal async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        List<string> agencies;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
            agencies = await db.Libraries.Select(l => l.AgencyId).ToListAsync(cancellationToken);
        }

        foreach (var agency in agencies)
        {
            // A fresh scope per agency: a failed sync leaves its DbContext in an unknown state.
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<SnapshotSync>().SyncAsync(agency, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(agency, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic snapshot sync of agency {AgencyId} failed")]
    private partial void LogFailed(string agencyId, Exception error);
}
