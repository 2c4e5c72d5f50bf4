namespace Provisioner.Messaging.Maintenance;

internal static class Ticks
{
    /// <summary>Waits for the timer's next tick; false once the service is stopping.</summary>
    public static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
