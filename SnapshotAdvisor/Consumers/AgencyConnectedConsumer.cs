using MassTransit;
using Provisioner.Contracts.Auth;
using Provisioner.SnapshotAdvisor.Library;

namespace Provisioner.SnapshotAdvisor.Consumers;

/// <summary>
/// An agency connected (or reconnected): make it known to the periodic sync and sync its library now. A GHL failure
/// is recorded on the library and logged by the sync; it is not retried here because the periodic sync will try again
/// and redelivering the event would only repeat the same failing call.
/// </summary>
public sealed partial class AgencyConnectedConsumer(SnapshotSync sync, ILogger<AgencyConnectedConsumer> logger) : IConsumer<AgencyConnected>
{
    public async Task Consume(ConsumeContext<AgencyConnected> context)
    {
        var agencyId = context.Message.AgencyId;
        await sync.RegisterAsync(agencyId, context.CancellationToken);
        try
        {
            await sync.SyncAsync(agencyId, context.CancellationToken);
        }
        catch (Exception error) when (error is GhlClient.GhlApiException or GhlClient.GhlAgencyNotConnectedException)
        {
            LogDeferred(agencyId, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot sync on connect of agency {AgencyId} failed; the periodic sync will retry: {Reason}")]
    private partial void LogDeferred(string agencyId, string reason);
}
