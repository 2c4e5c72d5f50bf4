using System.ComponentModel.DataAnnotations;

namespace Provisioner.ServiceDefaults.Authentication;

/// <summary>
/// How bearer tokens issued by AuthService are validated (section <c>ServiceAuthOptions</c>; the same for every service). Exactly one key source:
/// <see cref="JwksUrl"/> (production) or <see cref="SigningKeyPem"/> (a fixed public key, for tests).
/// </summary>
public sealed class ServiceAuthOptions : IValidatableObject
{
    /// <summary>AuthService's key set; a service-discovery URL works (<c>http://auth/...</c>).</summary>
    public Uri? JwksUrl { get; set; } = new("http://auth/api/auth/.well-known/jwks.json");

    /// <summary>PEM of an EC or RSA public key that signs the tokens; replaces <see cref="JwksUrl"/> when set.</summary>
    public string? SigningKeyPem { get; set; }

    [Required]
    public string Issuer { get; set; } = "provisioner-auth";

    [Required]
    public string Audience { get; set; } = "provisioner";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (JwksUrl is null && string.IsNullOrWhiteSpace(SigningKeyPem))
        {
            yield return new ValidationResult(
                "Set JwksUrl or SigningKeyPem: without a key source no token can be validated.",
                [nameof(JwksUrl), nameof(SigningKeyPem)]);
        }

        if (JwksUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("JwksUrl must be an absolute URL.", [nameof(JwksUrl)]);
        }
    }
}
