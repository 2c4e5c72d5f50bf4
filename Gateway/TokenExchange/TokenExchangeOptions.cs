using System.ComponentModel.DataAnnotations;

namespace Provisioner.Gateway.TokenExchange;

/// <summary>
/// How the gateway turns an API key or the session cookie into an AuthService JWT (section
/// <c>TokenExchangeOptions</c>), validated when the host starts.
/// </summary>
public sealed class TokenExchangeOptions
{
    public const string SectionName = nameof(TokenExchangeOptions);

    /// <summary>AuthService's base address, a service-discovery name resolved like the proxy's own destinations.</summary>
    [Required, Url]
    public string AuthServiceUrl { get; set; } = "http://auth";

    /// <summary>
    /// Longest time an exchanged JWT is reused for the same credential. It bounds how long a revoked API key or a
    /// signed-out session keeps working through the gateway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A cached JWT is dropped this long before it expires, so a service never receives one about to lapse.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an exchange may take before the gateway answers 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
