using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// Replaces MassTransit's scoped bus context: inside a consumer the consume context is used (so its consumer outbox
/// applies), anywhere else the bus outbox.
/// </summary>
internal sealed class PgScopedBusContextProvider<TDbContext> : IScopedBusContextProvider<IBus>, IDisposable
    where TDbContext : DbContext
{
    public PgScopedBusContextProvider(
        IBus bus,
        TDbContext db,
        IBusOutboxNotification notification,
        Bind<IBus, IClientFactory> clientFactory,
        Bind<IBus, IScopedConsumeContextProvider> consumeContextProvider,
        IScopedConsumeContextProvider globalConsumeContextProvider,
        IServiceProvider provider)
    {
        if (consumeContextProvider.Value.HasContext)
        {
            Context = new ConsumeContextScopedBusContext(consumeContextProvider.Value.GetContext(), clientFactory.Value);
        }
        else if (globalConsumeContextProvider.HasContext)
        {
            Context = new ConsumeContextScopedBusContext(globalConsumeContextProvider.GetContext(), clientFactory.Value);
        }
        else
        {
            Context = new PgScopedBusContext<TDbContext>(bus, db, notification, clientFactory.Value, provider);
        }
    }

    public ScopedBusContext Context { get; }

    public void Dispose() => (Context as IDisposable)?.Dispose();
}
