using System.Data;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Provisioner.Messaging.Saga;

/// <summary>
/// Runs a saga message in a database transaction. Inside a consumer outbox the transaction already exists (the
/// outbox opened it on the same scoped DbContext), so the saga row, the outbox rows and the inbox row commit together.
/// The repository context only tracks the saga row's change; whoever owns the transaction saves before committing.
/// </summary>
public sealed class PgSagaRepositoryContextFactory<TDbContext, TSaga>(
    TDbContext db,
    ISagaConsumeContextFactory<TDbContext, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISaga
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await next.Send(new PgSagaRepositoryContext<TDbContext, TSaga, T>(db, context, factory));
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
        try
        {
            await next.Send(new PgSagaRepositoryContext<TDbContext, TSaga, T>(db, context, factory));
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Correlating by a query would need a predicate over the JSON document; every saga here correlates by
    /// CorrelationId, so this is refused loudly rather than scanning and locking a whole saga type.
    /// </summary>
    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException(
            $"The PostgreSQL saga repository correlates {typeof(TSaga).Name} by CorrelationId only; query correlation is not supported.");

    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");
}
