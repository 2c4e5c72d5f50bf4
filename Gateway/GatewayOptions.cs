using System.ComponentModel.DataAnnotations;
using Provisioner.Gateway.Proxy;

namespace Provisioner.Gateway;

/// <summary>The gateway's own settings (section <c>GatewayOptions</c>), validated when the host starts.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string SectionName = nameof(GatewayOptions);
    public const string DefaultListenUrl = "http://127.0.0.1:8080";

    /// <summary>Used only when neither <c>ASPNETCORE_URLS</c>/<c>--urls</c> nor <c>HTTP_PORTS</c> say where to listen.</summary>
    [Required, Url]
    public string ListenUrl { get; set; } = DefaultListenUrl;

    /// <summary>Requests one client may make per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Header carrying an API key; a client presenting one is limited per key.</summary>
    [Required]
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Session cookie of the portal; a browser without a key or token is limited per session.</summary>
    [Required]
    public string SessionCookie { get; set; } = "provisioner.session";

    /// <summary>
    /// Origins besides the gateway's own host and port whose pages may send state-changing requests with the session
    /// cookie: the public address when a reverse proxy in front of the gateway rewrites <c>Host</c>
    /// (e.g. <c>https://portal.agency.example</c>). Scheme, host and port only.
    /// </summary>
    public IList<string> TrustedOrigins { get; } = [];

    /// <summary>How long the gateway's /health waits for each backend's /health before calling it unhealthy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < TrustedOrigins.Count; i++)
        {
            if (CrossSiteOrigin.Parse(TrustedOrigins[i]) is null)
            {
                yield return new ValidationResult(
                    $"'{TrustedOrigins[i]}' is not an origin: give an absolute http or https URL with no path, query or fragment.",
                    [$"{nameof(TrustedOrigins)}:{i}"]);
            }
        }
    }
}
