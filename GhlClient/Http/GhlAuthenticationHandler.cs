using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Provisioner.GhlClient.Telemetry;

namespace Provisioner.GhlClient.Http;

/// <summary>
/// Puts the agency or location token the operation needs on the request and, on a 401, asks the provider once to
/// refresh (passing the rejected token, so concurrent 401s collapse into one refresh) and re-sends once.
/// </summary>
public sealed partial class GhlAuthenticationHandler(IGhlTokenProvider tokens, GhlTelemetry telemetry, ILogger<GhlAuthenticationHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = GhlOperation.Of(request) ?? throw new InvalidOperationException("GHL requests must carry a GhlOperation.");
        if (operation.Token is not { } tokenRequest)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetTokenAsync(tokenRequest, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // A 401 proves GHL did nothing, so even a create may be re-sent once with a fresh token.
        response.Dispose();
        LogRefreshing(operation.Name, tokenRequest.Kind);
        telemetry.TokenRefresh(operation.Name, tokenRequest.Kind);
        var refreshed = await tokens.RefreshAsync(tokenRequest, token, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed);
        return await base.SendAsync(request, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GHL {Operation} got 401; refreshing the {Kind} token once and retrying")]
    private partial void LogRefreshing(string operation, GhlTokenKind kind);
}
