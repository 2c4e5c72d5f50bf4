using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Tokens;

/// <summary>
/// Refreshes connected agencies' tokens before they expire, so GHL calls rarely meet an expired token. Every
/// instance runs it; the single-flight refresh makes the overlap harmless. A rejected refresh leaves the agency
/// in NeedsReconnect, which this scan skips: nothing retries a dead grant in a loop.
/// </summary>
public sealed class TokenRefreshService(
    IServiceScopeFactory scopes, IOptions<TokenRefreshOptions> options, TimeProvider clock, ILogger<TokenRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScanInterval, clock);
        do
        {
            await ScanAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        List<string> due;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var horizon = clock.GetUtcNow() + options.Value.Margin;
            due = await db.Agencies.Where(a => a.State == ConnectionState.Connected && a.TokenExpiresAt <= horizon)
                .Select(a => a.Id).ToListAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Token refresh scan failed; retrying at the next interval");
            return;
        }

        foreach (var agencyId in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AgencyTokenService>().GetAccessTokenAsync(agencyId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One agency's failure must not stop the others; the rejected case was already recorded and published.
                logger.LogWarning(e, "Background refresh of agency {AgencyId} failed", agencyId);
            }
        }
    }
}
