namespace Provisioner.AppHost.Model;

/// <summary>
/// The GHL API the services call: a configured URL (the real API) or the local sandbox project. Referencing it gives
/// a service <c>ConnectionStrings__ghl</c> and the marketplace app's client credentials.
/// </summary>
public sealed class GhlResource(string name, Uri baseUrl, ProjectResource? sandbox, string clientId, string clientSecret, string? authorizeUrl)
    : Resource(name), IResourceWithConnectionString
{
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The sandbox project backing this endpoint, or null when a real GHL is configured.</summary>
    public ProjectResource? Sandbox { get; } = sandbox;

    public string ClientId { get; } = clientId;

    public string ClientSecret { get; } = clientSecret;

    /// <summary>The consent page AuthService sends a user to; null leaves the service's own default.</summary>
    public string? AuthorizeUrl { get; } = authorizeUrl;

    public string GetConnectionString(InfrastructureEndpoints infrastructure) => BaseUrl.ToString().TrimEnd('/');
}
