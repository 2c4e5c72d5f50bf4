using System.ComponentModel.DataAnnotations;

namespace Provisioner.AppHost;

/// <summary>
/// Which GHL the services talk to (section <c>AppHost:Ghl</c>). With <see cref="BaseUrl"/> set the real API (or any
/// URL) is used and the sandbox is not started; otherwise the sandbox runs and the shared sandbox app is used.
/// </summary>
public sealed class GhlOptions : IValidatableObject
{
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>The real consent page (with BaseUrl set), given as <c>GhlClientOptions__AuthorizeUrl</c>.</summary>
    [Url]
    public string? AuthorizeUrl { get; set; }

    /// <summary>Given to services as <c>GhlClientOptions__ClientId</c> (and to the sandbox as its app's id).</summary>
    [Required]
    public string ClientId { get; set; } = "65f0a1b2c3d4e5f601234567-provisioner";

    /// <summary>Given to services as <c>GhlClientOptions__ClientSecret</c>; never printed.</summary>
    [Required]
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    public bool UsesSandbox => string.IsNullOrWhiteSpace(BaseUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The sandbox's secret must never reach a real GHL: a configured BaseUrl needs the app's own credentials.
        if (!UsesSandbox && ClientSecret == "sandbox-client-secret")
        {
            yield return new ValidationResult(
                "ClientSecret must be the marketplace app's secret when BaseUrl points at a real GHL.", [nameof(ClientSecret)]);
        }
    }
}
