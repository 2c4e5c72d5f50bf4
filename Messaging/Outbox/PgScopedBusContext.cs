using MassTransit;
using MassTransit.Clients;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// The bus outbox: outside a consumer, Publish/Send on a scoped <see cref="IPublishEndpoint"/> or
/// <see cref="ISendEndpointProvider"/> adds rows to the scope's DbContext instead of going to RabbitMQ, so they
/// are saved by the caller's own <c>SaveChangesAsync</c> (and its transaction, if any). The relay sends them.
/// </summary>
internal sealed class PgScopedBusContext<TDbContext>(
    IBus bus,
    TDbContext db,
    IBusOutboxNotification notification,
    IClientFactory clientFactory,
    IServiceProvider provider)
    : ScopedBusContext, OutboxSendContext, IDisposable
    where TDbContext : DbContext
{
    private readonly Lock _gate = new();
    private EntityEntry<OutboxState>? _state;
    private IPublishEndpoint? _publishEndpoint;
    private ISendEndpointProvider? _sendEndpointProvider;
    private IScopedClientFactory? _scopedClientFactory;

    public ISendEndpointProvider SendEndpointProvider =>
        _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, bus);

    public IPublishEndpoint PublishEndpoint =>
        _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));

    /// <summary>Requests are not routed through the outbox: a response is awaited now, so it must be sent now.</summary>
    public IScopedClientFactory ClientFactory =>
        _scopedClientFactory ??= new ScopedClientFactory(new ClientFactory(new ScopedClientFactoryContext(clientFactory, provider)), null);

    public Task AddSend<T>(SendContext<T> context) where T : class
    {
        var row = StoredMessages.FromSendContext(context, SystemTextJsonMessageSerializer.Instance);
        lock (_gate)
        {
            // One outbox (one ordered group for the relay) per SaveChanges: once the previous group was saved, the
            // next message starts a new one, and the relay is woken for the saved group.
            if (_state is not null && WasSaved(_state))
            {
                notification.Delivered();
                _state = null;
            }

            _state ??= db.Add(new OutboxState { OutboxId = NewId.NextGuid(), LockId = NewId.NextGuid(), Created = DateTime.UtcNow });
            row.OutboxId = _state.Entity.OutboxId;
            db.Add(row);
        }

        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => provider.GetService(serviceType);

    public void Dispose()
    {
        // The scope ends after the handler committed: wake the relay instead of letting it wait for its next poll.
        if (_state is not null && WasSaved(_state))
        {
            notification.Delivered();
        }

        _state = null;
    }

    private static bool WasSaved(EntityEntry<OutboxState> state) => state.State == EntityState.Unchanged;
}
