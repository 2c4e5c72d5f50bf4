namespace Provisioner.Gateway.Proxy;

/// <summary>A configured trusted origin: scheme, host and port, as browsers send them in <c>Origin</c>.</summary>
public sealed record CrossSiteOrigin(string Scheme, string Host, int Port)
{
    /// <summary>The origin an absolute http(s) URL with no path (or just "/"), query or fragment names; otherwise null.</summary>
    public static CrossSiteOrigin? Parse(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? new CrossSiteOrigin(uri.Scheme, uri.IdnHost, uri.Port)
            : null;

    /// <summary>
    /// Scheme too, unlike the comparison with the gateway's own host: a trusted origin is what the browser shows, so an
    /// <c>http://</c> page must not pass for the <c>https://</c> site.
    /// </summary>
    public bool Matches(Uri origin) =>
        string.Equals(origin.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.IdnHost, Host, StringComparison.OrdinalIgnoreCase)
        && origin.Port == Port;
}
