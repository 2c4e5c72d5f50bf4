using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Provisioner.GhlClient.Telemetry;

namespace Provisioner.GhlClient.Http;

/// <summary>
/// Puts the agency or location token the operation needs on the request and, on a 401 about the token's validity, asks
/// the provider once to refresh (passing the rejected token, so concurrent 401s collapse into one refresh) and re-sends
/// once. A 401 about what the token may do (<see cref="GhlUnauthorizedReason"/>) is returned as it is.
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

        // A missing scope, the wrong token type or another agency's location: a new token would be refused the same
        // way, and spending the single-use refresh token on it would only add risk. The caller gets the 401.
        if (await GhlUnauthorizedReason.IsAboutTheRequestAsync(response, cancellationToken) is { } reason)
        {
            LogNotRefreshing(operation.Name, reason);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "GHL {Operation} got 401 ({Reason}); not a token expiry, so no refresh")]
    private partial void LogNotRefreshing(string operation, string reason);
}
