using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Provisioner.Messaging.Saga;

/// <summary>Plugs the PostgreSQL repository into every saga registered with MassTransit (<c>SetSagaRepositoryProvider</c>).</summary>
public sealed class PgSagaRepositoryRegistrationProvider<TDbContext> : ISagaRepositoryRegistrationProvider
    where TDbContext : DbContext
{
    public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator) where TSaga : class, ISaga =>
        configurator.Repository(r =>
        {
            r.RegisterSagaRepository<TSaga, TDbContext, SagaConsumeContextFactory<TDbContext, TSaga>,
                PgSagaRepositoryContextFactory<TDbContext, TSaga>>();
            r.RegisterLoadSagaRepository<TSaga, PgLoadSagaRepositoryContextFactory<TDbContext, TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, PgLoadSagaRepositoryContextFactory<TDbContext, TSaga>>();
        });
}
