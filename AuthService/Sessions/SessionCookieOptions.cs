using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuthService.Sessions;

/// <summary>The browser session cookie.</summary>
public sealed class SessionCookieOptions
{
    public const string SectionName = nameof(SessionCookieOptions);

    [Required]
    public string CookieName { get; set; } = "provisioner.session";

    /// <summary>Secure cookies (HTTPS only). Set false only for plain-http localhost development.</summary>
    public bool SecureCookies { get; set; } = true;

    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a connect flow (OAuth state) stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:30:00")]
    public TimeSpan ConnectStateLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
