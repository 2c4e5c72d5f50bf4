using MassTransit;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.Messaging.Correlation;

/// <summary>
/// Restores the X-Correlation-Id of a received message for the code that handles it, so its logs, HTTP calls and
/// the messages it publishes carry the same id.
/// </summary>
public sealed class CorrelationIdConsumeFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var previous = CorrelationId.Current;
        var incoming = context.Headers.Get<string>(CorrelationId.HeaderName);
        CorrelationId.Current = CorrelationId.IsValid(incoming) ? incoming : previous;
        try
        {
            await next.Send(context);
        }
        finally
        {
            CorrelationId.Current = previous;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("correlationId");
}
