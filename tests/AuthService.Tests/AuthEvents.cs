using System.Collections.Concurrent;
using MassTransit;
using Npgsql;
using Provisioner.Contracts.Auth;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// Every Contracts.Auth event the host's bus delivers, as RabbitMQ delivered it: a temporary queue bound to the event
/// exchanges of the host's own virtual host. The events travel the real path (bus outbox row → relay → broker), so a
/// test sees only what was committed.
/// </summary>
public sealed class AuthEvents
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<object> received = new();
    private readonly string connectionString;

    private AuthEvents(string connectionString) => this.connectionString = connectionString;

    /// <summary>Connects the recording endpoint; events published before this returns are not seen.</summary>
    public static async Task<AuthEvents> ConnectAsync(IBus bus, string connectionString)
    {
        var events = new AuthEvents(connectionString);
        var handle = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), null, e =>
        {
            e.Handler<AgencyConnected>(events.Record);
            e.Handler<AgencyDisconnected>(events.Record);
            e.Handler<AgencyNeedsReconnect>(events.Record);
            e.Handler<UserSignedIn>(events.Record);
            e.Handler<UserRoleChanged>(events.Record);
            e.Handler<ApiKeyCreated>(events.Record);
            e.Handler<ApiKeyRevoked>(events.Record);
            e.Handler<GhlLocationCreated>(events.Record);
        });
        await handle.Ready.WaitAsync(Timeout);
        return events;
    }

    public IEnumerable<T> All<T>() => received.OfType<T>();

    /// <summary>Waits until an event matching <paramref name="match"/> arrives.</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool> match) =>
        Eventually.GetAsync(() => Task.FromResult(All<T>().FirstOrDefault(match)), m => m is not null, Timeout, $"a {typeof(T).Name}")!;

    /// <summary>
    /// Every matching event once the outbox is empty: nothing committed is still on its way, so a count is final
    /// (at-least-once delivery could only add copies with the same MessageId, which the count would show).
    /// </summary>
    public async Task<List<T>> SettledAsync<T>(Func<T, bool> match)
    {
        await Eventually.TrueAsync(async () => await OutboxCountAsync() == 0, Timeout, "the outbox to drain");
        return All<T>().Where(match).ToList();
    }

    /// <summary>The one matching event: waits for it, then for the outbox to drain, and asserts no second one came.</summary>
    public async Task<T> SingleAsync<T>(Func<T, bool> match)
    {
        await WaitForAsync(match);
        return Assert.Single(await SettledAsync(match));
    }

    /// <summary>Outgoing messages stored and not yet confirmed by the broker.</summary>
    public async Task<long> OutboxCountAsync(string? containing = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            containing is null
                ? "SELECT count(*) FROM messaging.outbox_message"
                : "SELECT count(*) FROM messaging.outbox_message WHERE strpos(body, $1) > 0",
            connection);
        if (containing is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = containing });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task Record<T>(ConsumeContext<T> context) where T : class
    {
        received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
