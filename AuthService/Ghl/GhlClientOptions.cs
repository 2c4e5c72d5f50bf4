using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuthService.Ghl;

/// <summary>
/// The marketplace app's settings (section <c>GhlClientOptions</c>, shared with GhlClient). The API base URL is
/// not here: it is the Aspire connection string <c>ConnectionStrings:ghl</c>.
/// </summary>
public sealed class GhlClientOptions
{
    public const string SectionName = nameof(GhlClientOptions);

    /// <summary>The scopes this tool needs (GHL brief §2.8), space-separated as GHL expects.</summary>
    public const string DefaultScopes =
        "locations.readonly locations.write locations/customValues.readonly locations/customValues.write " +
        "snapshots.readonly snapshots.write users.readonly users.write companies.readonly oauth.readonly oauth.write";

    [Required]
    public string ClientId { get; set; } = "";

    [Required]
    public string ClientSecret { get; set; } = "";

    [Required]
    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>GHL's consent page; real: https://marketplace.gohighlevel.com/oauth/chooselocation.</summary>
    [Required]
    [Url]
    public string AuthorizeUrl { get; set; } = "http://127.0.0.1:8090/oauth/chooselocation";

    /// <summary>Must equal a redirect URI registered on the app; it is the gateway's public callback URL.</summary>
    [Required]
    [Url]
    public string RedirectUri { get; set; } = "http://127.0.0.1:8080/api/auth/callback";
}
