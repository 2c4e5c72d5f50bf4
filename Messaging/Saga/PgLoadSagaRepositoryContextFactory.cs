using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Saga;

/// <summary>
/// Read-only access to stored instances (no locks): what the test harness and diagnostics use to look a saga up.
/// Query deserializes every instance of the saga type and filters in memory, so it is meant for tests and small sets.
/// </summary>
public sealed class PgLoadSagaRepositoryContextFactory<TDbContext, TSaga>(TDbContext db)
    : ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISaga
{
    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new ReadContext(db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new ReadContext(db, cancellationToken));

    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    private sealed class ReadContext(TDbContext db, CancellationToken cancellationToken)
        : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    {
        public async Task<TSaga> Load(Guid correlationId)
        {
            var key = SagaJson.TypeKey<TSaga>();
            var row = await db.Set<SagaInstance>().AsNoTracking()
                .SingleOrDefaultAsync(x => x.SagaType == key && x.CorrelationId == correlationId, CancellationToken);
            return row is null ? null! : SagaJson.Deserialize<TSaga>(row);
        }

        public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
        {
            var key = SagaJson.TypeKey<TSaga>();
            var rows = await db.Set<SagaInstance>().AsNoTracking().Where(x => x.SagaType == key).ToListAsync(cancellationToken);
            var predicate = query.FilterExpression.Compile();
            var ids = rows.Select(SagaJson.Deserialize<TSaga>).Where(predicate).Select(x => x.CorrelationId).ToList();
            return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
        }
    }
}
