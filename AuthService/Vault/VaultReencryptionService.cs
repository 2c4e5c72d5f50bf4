using Microsoft.Extensions.Options;

namespace Provisioner.AuthService.Vault;

/// <summary>
/// Runs the re-encryption pass at start and then periodically, so after a key rotation every row moves to the
/// active key while reads keep accepting the old one: no downtime, no big-bang migration.
/// </summary>
public sealed class VaultReencryptionService(
    IServiceScopeFactory scopes, IOptions<TokenVaultOptions> options, ILogger<VaultReencryptionService> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReencryptionInterval);
        do
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick retries; rows stay readable under their old key meanwhile.
                logger.LogError(e, "Vault re-encryption pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunPassAsync(CancellationToken cancellationToken)
    {
        int moved;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            moved = await scope.ServiceProvider.GetRequiredService<VaultReencryptor>().ReencryptBatchAsync(BatchSize, cancellationToken);
        }
        while (moved > 0);
    }
}
