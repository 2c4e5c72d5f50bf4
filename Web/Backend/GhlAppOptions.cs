using System.ComponentModel.DataAnnotations;

namespace Provisioner.Web.Backend;

/// <summary>Where a location opens in GHL's web app, for the job page's "Open in GoHighLevel" link.</summary>
public sealed class GhlAppOptions
{
    public const string SectionName = nameof(GhlAppOptions);

    [Required, Url]
    public string BaseUrl { get; set; } = "https://app.gohighlevel.com";

    public Uri LocationUrl(string locationId) =>
        new($"{BaseUrl.TrimEnd('/')}/v2/location/{Uri.EscapeDataString(locationId)}/dashboard");
}
