using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.ServiceDefaults;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// Listens on PostgreSQL's <see cref="Channel"/>: a trigger on <c>job_events</c> (migration <c>JobEventNotify</c>)
/// notifies the job's id for every insert, and PostgreSQL delivers a notification only when its transaction commits,
/// to every listening instance. So a live event reaches the streams of every instance a few milliseconds after its
/// commit instead of at the next poll. Without the listener (database down, connection lost) nothing is missed: the
/// streams and the watermark still look at least every <see cref="JobStreamOptions.PollInterval"/>, and after a
/// reconnect everyone is woken once, since notifications sent meanwhile are gone.
/// </summary>
public sealed class JobEventNotifications(
    IConfiguration configuration, IOptions<JobStreamOptions> options, ILogger<JobEventNotifications> logger) : BackgroundService
{
    /// <summary>The notification channel the migration's trigger uses.</summary>
    public const string Channel = "provisioner_job_events";

    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    private readonly List<Action<Guid?>> listeners = [];

    /// <summary>Whether the listening connection is up: while it is not, live events wait for the next poll.</summary>
    public bool Listening { get; private set; }

    /// <summary>
    /// Calls <paramref name="listener"/> with the job id of every committed insert, or with null when every job may
    /// have new events (after a reconnect). It runs on the listener's thread: it must only signal, never block.
    /// </summary>
    public IDisposable Subscribe(Action<Guid?> listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(ResourceNames.ProvisioningDb);
        if (string.IsNullOrEmpty(connectionString))
        {
            return; // AddApplicationServices already refuses to start without it.
        }

        // Keepalive: a listener only reads, so without it a silently dropped connection would never be noticed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 15, Pooling = false };
        var delay = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Publish(Guid.TryParse(e.Payload, out var jobId) ? jobId : null);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Listening = true;
                delay = options.Value.PollInterval;
                Publish(null); // whatever committed while no one listened
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Listening for job events failed; live streams fall back to polling until it reconnects");
            }
            finally
            {
                Listening = false;
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxReconnectDelay ? delay * 2 : MaxReconnectDelay;
        }
    }

    private void Publish(Guid? jobId)
    {
        Action<Guid?>[] current;
        lock (gate)
        {
            current = [.. listeners];
        }

        foreach (var listener in current)
        {
            listener(jobId);
        }
    }

    private sealed class Subscription(JobEventNotifications owner, Action<Guid?> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.listeners.Remove(listener);
            }
        }
    }
}
