using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// The events of one job, read from its shared <see cref="JobChannel"/>: joined at the first read, left when the stream
/// is disposed. Nothing is joined for a stream that never runs.
/// </summary>
internal sealed class JobFeed(JobEventChannels channels, TimeProvider clock, Guid jobId, string agencyId) : IJobEventFeed
{
    private JobChannel? channel;
    private Task changed = Task.CompletedTask;

    public async Task<bool> IsCompleteAsync(long after, CancellationToken cancellationToken)
    {
        var joined = await JoinAsync(cancellationToken);
        return joined.IsComplete(after);
    }

    public async Task<List<JobEvent>> NextAsync(long after, int max, CancellationToken cancellationToken)
    {
        var joined = await JoinAsync(cancellationToken);
        var (events, next) = joined.Read(after, max);
        changed = next;
        return events;
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(changed, Task.Delay(timeout, clock, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        if (channel is not null)
        {
            channels.Leave(channel);
            channel = null;
        }
    }

    private async Task<JobChannel> JoinAsync(CancellationToken cancellationToken)
    {
        channel ??= channels.Join(jobId, agencyId);
        await channel.Loaded.WaitAsync(cancellationToken);
        return channel;
    }
}
