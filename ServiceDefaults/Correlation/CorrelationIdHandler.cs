namespace Provisioner.ServiceDefaults.Correlation;

/// <summary>Carries the current correlation id onto every outgoing HttpClient request.</summary>
public sealed class CorrelationIdHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var id = CorrelationId.Current;
        if (id is not null && !request.Headers.Contains(CorrelationId.HeaderName))
        {
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, id);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
