using System.Net;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>A browser on the gateway's origin: a cookie jar, no automatic redirects.</summary>
internal sealed class Browser : IDisposable
{
    public Browser(Uri gateway)
    {
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The Set-Cookie headers of the OAuth callback, as the browser received them.</summary>
    public IReadOnlyList<string> SetCookieHeaders { get; set; } = [];

    public void Dispose() => Client.Dispose();
}
