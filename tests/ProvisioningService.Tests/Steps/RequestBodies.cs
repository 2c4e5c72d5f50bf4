using System.Collections.Concurrent;

namespace Provisioner.ProvisioningService.Tests.Steps;

/// <summary>Every GHL request body the host sent (the innermost handler, i.e. what went on the wire).</summary>
internal sealed class RequestBodies
{
    private readonly ConcurrentQueue<(HttpMethod Method, string Path, string Body)> _sent = new();

    public IReadOnlyList<(HttpMethod Method, string Path, string Body)> Sent => [.. _sent];

    public sealed class Handler(RequestBodies bodies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            bodies._sent.Enqueue((request.Method, request.RequestUri!.AbsolutePath, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
