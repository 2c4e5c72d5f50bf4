using Microsoft.Extensions.Primitives;

namespace Provisioner.Gateway.TokenExchange;

/// <summary>
/// Reads the credential a request carries and, once exchanged, replaces it with the JWT. In order: an API key as
/// <c>Authorization: Bearer pvk_…</c>, an API key in <see cref="GatewayOptions.ApiKeyHeader"/>, the session cookie.
/// Any other Authorization header (a JWT, another scheme) means there is nothing to exchange.
/// </summary>
public static class CredentialHeaders
{
    public const string ApiKeyPrefix = "pvk_";
    private const string BearerPrefix = "Bearer ";

    public static GatewayCredential? Read(HttpRequest request, GatewayOptions options)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            var value = authorization.Count == 1 ? authorization[0] ?? string.Empty : string.Empty;
            var token = value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? value[BearerPrefix.Length..].Trim() : string.Empty;
            return token.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) ? new GatewayCredential(CredentialKind.ApiKey, token) : null;
        }

        var apiKey = request.Headers[options.ApiKeyHeader].ToString().Trim();
        if (apiKey.Length > 0)
        {
            return new GatewayCredential(CredentialKind.ApiKey, apiKey);
        }

        var session = string.Join("; ", CookiePairs(request.Headers.Cookie)
            .Where(p => IsSessionCookie(p, options.SessionCookie) && p.Split('=', 2) is [_, { Length: > 0 }]));
        return session.Length > 0 ? new GatewayCredential(CredentialKind.SessionCookie, session) : null;
    }

    /// <summary>What the service receives: the JWT as bearer, no API key header, no session cookie (other cookies stay).</summary>
    public static void ReplaceWithJwt(HttpRequest request, GatewayOptions options, string jwt)
    {
        request.Headers.Authorization = BearerPrefix + jwt;
        request.Headers.Remove(options.ApiKeyHeader);

        var kept = CookiePairs(request.Headers.Cookie).Where(p => !IsSessionCookie(p, options.SessionCookie)).ToList();
        if (kept.Count == 0)
        {
            request.Headers.Remove("Cookie");
        }
        else
        {
            request.Headers.Cookie = string.Join("; ", kept);
        }
    }

    /// <summary>
    /// The <c>name=value</c> pairs as sent, not decoded: what is forwarded must be byte for byte what the browser
    /// sent. HTTP/2 may split the header into several values.
    /// </summary>
    private static IEnumerable<string> CookiePairs(StringValues headers) =>
        headers.SelectMany(h => (h ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The cookie itself or one of its chunks: ASP.NET Core splits a large authentication cookie into
    /// <c>name=chunks-N</c> plus <c>nameC1</c> … <c>nameCN</c>, and AuthService needs all of them.
    /// </summary>
    private static bool IsSessionCookie(string pair, string cookieName)
    {
        var name = pair.Split('=', 2)[0].Trim();
        if (!name.StartsWith(cookieName, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan(cookieName.Length);
        return rest.IsEmpty || (rest.Length > 1 && rest[0] == 'C' && rest[1..].ContainsOnlyDigits());
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');
}
