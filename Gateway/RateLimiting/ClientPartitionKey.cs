using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Gateway.RateLimiting;

/// <summary>
/// Who a request counts against: its API key, else its bearer token, else its session cookie, else its remote IP.
/// Credentials are hashed so the limiter's partition table never holds a usable secret.
/// </summary>
public static class ClientPartitionKey
{
    private const string BearerPrefix = "Bearer ";

    public static string For(HttpContext context, GatewayOptions options)
    {
        var request = context.Request;

        var apiKey = request.Headers[options.ApiKeyHeader].ToString();
        if (apiKey.Length > 0)
        {
            return "key:" + Hash(apiKey);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && authorization.AsSpan(BearerPrefix.Length).Trim().Length > 0)
        {
            return "bearer:" + Hash(authorization[BearerPrefix.Length..].Trim());
        }

        if (request.Cookies.TryGetValue(options.SessionCookie, out var session) && !string.IsNullOrEmpty(session))
        {
            return "session:" + Hash(session);
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
