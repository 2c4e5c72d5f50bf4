using Microsoft.Extensions.Options;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// The <see cref="JobChannel"/>s of the jobs someone is watching on this instance. A channel lives while at least one
/// stream is open on it; one reader per channel asks the database when <see cref="JobEventNotifications"/> says the job
/// has a committed insert, and at least every <see cref="JobStreamOptions.PollInterval"/> in case a notification was
/// lost. So 1,000 clients on one job cost one read per change, not 1,000 polls.
/// </summary>
public sealed class JobEventChannels : IDisposable
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<JobStreamOptions> options;
    private readonly ILogger<JobEventChannels> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<(Guid, string), JobChannel> channels = [];
    private readonly IDisposable subscription;

    public JobEventChannels(
        IServiceScopeFactory scopes, JobEventNotifications notifications, IOptions<JobStreamOptions> options, ILogger<JobEventChannels> logger)
    {
        this.scopes = scopes;
        this.options = options;
        this.logger = logger;
        subscription = notifications.Subscribe(OnCommitted);
    }

    /// <summary>How many jobs have a channel (at least one open stream) on this instance.</summary>
    public int OpenChannels
    {
        get
        {
            lock (gate)
            {
                return channels.Count;
            }
        }
    }

    /// <summary>Joins (or opens) the job's channel; <see cref="Leave"/> it when the stream ends.</summary>
    internal JobChannel Join(Guid jobId, string agencyId)
    {
        lock (gate)
        {
            if (!channels.TryGetValue((jobId, agencyId), out var channel))
            {
                channel = new JobChannel(jobId, agencyId);
                channels[(jobId, agencyId)] = channel;
                _ = Task.Run(() => ReadAsync(channel));
            }

            channel.Streams++;
            return channel;
        }
    }

    internal void Leave(JobChannel channel)
    {
        lock (gate)
        {
            if (--channel.Streams > 0)
            {
                return;
            }

            // A channel whose first read failed was already replaced: only remove this one.
            if (channels.TryGetValue((channel.JobId, channel.AgencyId), out var current) && current == channel)
            {
                channels.Remove((channel.JobId, channel.AgencyId));
            }
        }

        channel.Stopping.Cancel();
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (gate)
        {
            foreach (var channel in channels.Values)
            {
                channel.Stopping.Cancel();
            }

            channels.Clear();
        }
    }

    private void OnCommitted(Guid? jobId)
    {
        lock (gate)
        {
            foreach (var channel in channels.Values)
            {
                if (jobId is null || channel.JobId == jobId)
                {
                    channel.Wake.Pulse();
                }
            }
        }
    }

    private async Task ReadAsync(JobChannel channel)
    {
        var stopping = channel.Stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await channel.RefreshAsync(scope.ServiceProvider.GetRequiredService<Data.ProvisioningDbContext>(), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (!channel.Loaded.IsCompleted)
            {
                // The streams waiting for the first read end with the error (the client reconnects later); the next
                // stream on this job gets a fresh channel.
                lock (gate)
                {
                    if (channels.TryGetValue((channel.JobId, channel.AgencyId), out var current) && current == channel)
                    {
                        channels.Remove((channel.JobId, channel.AgencyId));
                    }
                }

                channel.FailLoad(error);
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Reading the events of job {JobId} failed; its streams wait for the next read", channel.JobId);
            }

            try
            {
                await channel.Wake.WaitAsync(options.Value.PollInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
