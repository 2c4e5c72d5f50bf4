using MassTransit;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.Messaging.Correlation;

/// <summary>Stamps the current X-Correlation-Id on every message sent or published directly (not via an outbox).</summary>
public sealed class CorrelationIdSendFilter<T> : IFilter<SendContext<T>>, IFilter<PublishContext<T>> where T : class
{
    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        Stamp(context);
        return next.Send(context);
    }

    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        Stamp(context);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("correlationId");

    private static void Stamp(SendContext context)
    {
        if (CorrelationId.Current is { } id && !context.Headers.TryGetHeader(CorrelationId.HeaderName, out _))
        {
            context.Headers.Set(CorrelationId.HeaderName, id);
        }
    }
}
