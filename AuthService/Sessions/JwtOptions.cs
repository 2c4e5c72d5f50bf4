using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuthService.Sessions;

/// <summary>JWTs AuthService issues for the gateway and services.</summary>
public sealed class JwtOptions
{
    public const string SectionName = nameof(JwtOptions);

    [Required]
    public string Issuer { get; set; } = "provisioner-auth";

    [Required]
    public string Audience { get; set; } = "provisioner";

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Optional PKCS#8 PEM of an EC P-256 private key. When empty, a key is generated once and stored encrypted
    /// in the database so every instance signs with the same key.
    /// </summary>
    public string? SigningKeyPem { get; set; }
}
