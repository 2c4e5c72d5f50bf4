using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.Gateway.TokenExchange;

/// <summary>
/// Calls AuthService's <c>POST /api/auth/token</c> with the caller's credential, as the caller would have: the API key
/// as <c>Authorization: Bearer pvk_…</c> (the only form AuthService accepts), the session cookie as sent.
/// </summary>
public sealed partial class AuthTokenClient(IHttpClientFactory httpClients, ILogger<AuthTokenClient> logger)
{
    public const string HttpClientName = "token-exchange";
    public const string TokenPath = "/api/auth/token";

    public async Task<ExchangeOutcome> ExchangeAsync(GatewayCredential credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath);
        // Without validation: a malformed key (say, with a space) must reach AuthService and be refused there (401),
        // not fail here as a header format error (500).
        request.Headers.TryAddWithoutValidation(
            credential.Kind == CredentialKind.ApiKey ? "Authorization" : "Cookie",
            credential.Kind == CredentialKind.ApiKey ? $"Bearer {credential.Secret}" : credential.Secret);

        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                LogRejected(logger, credential.Kind, (int)response.StatusCode);
                return ExchangeOutcome.Rejected;
            }

            if (!response.IsSuccessStatusCode)
            {
                LogUnexpectedStatus(logger, credential.Kind, (int)response.StatusCode);
                return ExchangeOutcome.Unavailable;
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (token is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                LogMalformed(logger, credential.Kind);
                return ExchangeOutcome.Unavailable;
            }

            return ExchangeOutcome.Issued(token.AccessToken, TimeSpan.FromSeconds(token.ExpiresIn));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or NotSupportedException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // HttpClient.Timeout surfaces as a cancellation the caller did not ask for. Only the exception's type is
            // logged: the messages name no secret, but a type is all an operator needs next to AuthService's own logs.
            LogUnreachable(logger, credential.Kind, exception.GetType().Name);
            return ExchangeOutcome.Unavailable;
        }
    }

    /// <summary>AuthService's <c>IssuedToken</c>; only the fields the gateway uses.</summary>
    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "AuthService refused the credential ({Kind}) with {Status}")]
    private static partial void LogRejected(ILogger logger, CredentialKind kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token exchange ({Kind}) failed: AuthService answered {Status}")]
    private static partial void LogUnexpectedStatus(ILogger logger, CredentialKind kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token exchange ({Kind}) failed: AuthService's answer has no token")]
    private static partial void LogMalformed(ILogger logger, CredentialKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token exchange ({Kind}) failed: AuthService unreachable ({Error})")]
    private static partial void LogUnreachable(ILogger logger, CredentialKind kind, string error);
}
