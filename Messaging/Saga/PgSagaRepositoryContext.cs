using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Saga;

/// <summary>
/// Loads and stores one saga type's instances as JSON rows. Load takes a row lock (<c>FOR UPDATE</c>), so two
/// events for one saga run one after the other; the first event of a new saga that loses the insert race gets a
/// primary-key violation, and the endpoint's retry then finds and locks the row.
/// </summary>
internal sealed class PgSagaRepositoryContext<TDbContext, TSaga, TMessage>
    : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TDbContext : DbContext
    where TSaga : class, ISaga
    where TMessage : class
{
    private static readonly string LockSql =
        $"SELECT * FROM {MessagingSchema.Name}.{MessagingSchema.SagaInstance} WHERE saga_type = {{0}} AND correlation_id = {{1}} FOR UPDATE";

    private static readonly string InsertSql =
        $"INSERT INTO {MessagingSchema.Name}.{MessagingSchema.SagaInstance} (saga_type, correlation_id, data, version, updated) " +
        "VALUES ({0}, {1}, CAST({2} AS jsonb), 1, {3}) ON CONFLICT DO NOTHING";

    private readonly Dictionary<Guid, SagaInstance> _rows = [];
    private readonly TDbContext _db;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<TDbContext, TSaga> _factory;

    public PgSagaRepositoryContext(TDbContext db, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<TDbContext, TSaga> factory)
        : base(consumeContext, db)
    {
        _db = db;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        SagaJson.SetVersion(instance, 1);
        var inserted = await _db.Database.ExecuteSqlRawAsync(InsertSql,
            [SagaJson.TypeKey<TSaga>(), instance.CorrelationId, SagaJson.Serialize(instance), DateTime.UtcNow], CancellationToken);

        // Returning null tells MassTransit the instance already exists; it then loads it.
        return inserted == 1
            ? await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Insert)
            : null!;
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var row = await LockAsync(correlationId);
        if (row is null)
        {
            return null!;
        }

        var instance = SagaJson.Deserialize<TSaga>(row);
        return await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        SagaJson.SetVersion(context.Saga, 1);
        var row = new SagaInstance
        {
            SagaType = SagaJson.TypeKey<TSaga>(),
            CorrelationId = context.Saga.CorrelationId,
            Data = SagaJson.Serialize(context.Saga),
            Version = 1,
            Updated = DateTime.UtcNow,
        };
        _db.Add(row);
        _rows[row.CorrelationId] = row;
        await _db.SaveChangesAsync(CancellationToken);
    }

    // Update and Delete only change tracked rows: the transaction's owner saves once before it commits (the consume
    // outbox when it stores the outgoing messages, or PgSagaRepositoryContextFactory), so the saga row goes in the same
    // round trip as everything else the consume wrote.
    public async Task Update(SagaConsumeContext<TSaga> context)
    {
        var row = await TrackedRowAsync(context.Saga.CorrelationId);
        row.Version++;
        SagaJson.SetVersion(context.Saga, row.Version);
        row.Data = SagaJson.Serialize(context.Saga);
        row.Updated = DateTime.UtcNow;
    }

    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        _db.Remove(await TrackedRowAsync(context.Saga.CorrelationId));
        _rows.Remove(context.Saga.CorrelationId);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> context, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_db, context, instance, mode);

    private async Task<SagaInstance> TrackedRowAsync(Guid correlationId) =>
        _rows.GetValueOrDefault(correlationId)
        ?? await LockAsync(correlationId)
        ?? throw new SagaException("The saga instance disappeared while it was being processed.", typeof(TSaga), correlationId);

    private async Task<SagaInstance?> LockAsync(Guid correlationId)
    {
        var row = (await _db.Set<SagaInstance>().FromSqlRaw(LockSql, SagaJson.TypeKey<TSaga>(), correlationId)
            .AsTracking().ToListAsync(CancellationToken)).SingleOrDefault();
        if (row is not null)
        {
            _rows[correlationId] = row;
        }

        return row;
    }
}
