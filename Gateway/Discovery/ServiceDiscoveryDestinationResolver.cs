using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Provisioner.Gateway.Discovery;

/// <summary>
/// Turns a cluster destination that names a service (<c>http://auth</c>) into the endpoints service discovery knows
/// for it (<c>services:auth:http:0</c> in configuration, Aspire's contract). YARP calls it again whenever the
/// returned change token fires, so a reloaded configuration moves the traffic without a restart.
/// </summary>
public sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var changeTokens = new List<IChangeToken>();

        foreach (var (name, destination) in destinations)
        {
            var address = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync($"{address.Scheme}://{address.Authority}", cancellationToken);
            changeTokens.Add(source.ChangeToken);

            var endpoints = source.Endpoints;
            for (var i = 0; i < endpoints.Count; i++)
            {
                var key = endpoints.Count == 1 ? name : $"{name}[{i}]";
                resolved[key] = destination with { Address = ToAddress(address, endpoints[i].EndPoint).ToString() };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    /// <summary>
    /// The resolved endpoint with the configured destination's path kept. For a scheme list such as
    /// <c>https+http</c> an IP or DNS endpoint takes the first scheme, the one service discovery prefers.
    /// </summary>
    public static Uri ToAddress(Uri configured, EndPoint endpoint)
    {
        var scheme = configured.Scheme.Split('+')[0];
        var target = endpoint switch
        {
            UriEndPoint uri => new UriBuilder(uri.Uri.Scheme, uri.Uri.Host, uri.Uri.Port),
            IPEndPoint ip => new UriBuilder(scheme, ip.Address.ToString(), ip.Port),
            DnsEndPoint dns => new UriBuilder(scheme, dns.Host, dns.Port > 0 ? dns.Port : -1),
            _ => throw new InvalidOperationException(
                $"Service discovery returned an endpoint of type {endpoint.GetType().Name} for '{configured}', which the gateway cannot address."),
        };
        target.Path = configured.AbsolutePath;
        return target.Uri;
    }
}
