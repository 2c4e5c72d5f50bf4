using MassTransit;

namespace Provisioner.Messaging.Tests.Host;

/// <summary>Adds amounts (for the concurrency test) and holds a timeout (for the scheduler tests).</summary>
public sealed class OrderStateMachine : MassTransitStateMachine<OrderState>
{
    public OrderStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => ItemAdded, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Started, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Complete, e => e.CorrelateById(m => m.Message.OrderId));

        Schedule(() => Timeout, x => x.TimeoutTokenId, s =>
        {
            s.Delay = TimeSpan.FromMinutes(1);
            s.Received = e => e.CorrelateById(m => m.Message.OrderId);
        });

        Initially(
            When(ItemAdded).Then(c => c.Saga.Total += c.Message.Amount).TransitionTo(Open),
            When(Started)
                .Schedule(Timeout, c => new OrderTimeout(c.Message.OrderId), c => TimeSpan.FromSeconds(c.Message.TimeoutSeconds))
                .TransitionTo(Open));

        During(Open,
            When(ItemAdded).Then(c => c.Saga.Total += c.Message.Amount),
            When(Complete).Unschedule(Timeout).TransitionTo(Closed),
            When(Timeout!.Received).Publish(c => new OrderExpired(c.Saga.CorrelationId)).TransitionTo(Expired));
    }

    public State Open { get; private set; } = null!;

    public State Closed { get; private set; } = null!;

    public State Expired { get; private set; } = null!;

    public Event<ItemAdded> ItemAdded { get; private set; } = null!;

    public Event<StartOrder> Started { get; private set; } = null!;

    public Event<CompleteOrder> Complete { get; private set; } = null!;

    public Schedule<OrderState, OrderTimeout> Timeout { get; private set; } = null!;
}
