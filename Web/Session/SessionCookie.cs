namespace Provisioner.Web.Session;

/// <summary>The AuthService session cookie the browser sends (AuthService's <c>SessionCookieOptions.CookieName</c>).</summary>
public static class SessionCookie
{
    public const string Name = "provisioner.session";

    /// <summary>
    /// The session as a <c>Cookie</c> header value, or null when the request has none. A large ticket is split by
    /// ASP.NET Core's chunking cookie manager into <c>provisioner.session</c> plus <c>provisioner.sessionC1…</c>, so
    /// every cookie of that family is kept.
    /// </summary>
    public static string? HeaderFrom(IRequestCookieCollection cookies)
    {
        if (!cookies.ContainsKey(Name))
        {
            return null;
        }

        var parts = cookies
            .Where(c => c.Key.StartsWith(Name, StringComparison.Ordinal) && !string.IsNullOrEmpty(c.Value))
            .Select(c => $"{c.Key}={Uri.EscapeDataString(c.Value)}");
        return string.Join("; ", parts);
    }
}
