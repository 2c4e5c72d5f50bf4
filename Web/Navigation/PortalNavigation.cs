using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Provisioner.Web.Navigation;

/// <summary>
/// The portal's sections, in drawer order.
/// </summary>
public static class PortalNavigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("Dashboard", "/", Icons.Material.Filled.Dashboard),
        new("Provision", "/provision", Icons.Material.Filled.AddBusiness),
        new("Bulk", "/provision/bulk", Icons.Material.Filled.UploadFile),
        new("Jobs", "/jobs", Icons.Material.Filled.Timeline, NavLinkMatch.Prefix),
        new("Snapshots", "/snapshots", Icons.Material.Filled.PhotoLibrary, NavLinkMatch.Prefix),
        new("Audit", "/audit", Icons.Material.Filled.FactCheck, NavLinkMatch.Prefix),
        new("Settings", "/settings", Icons.Material.Filled.Settings, NavLinkMatch.Prefix),
        new("Operations", "/operations", Icons.Material.Filled.MonitorHeart, AdminOnly: true),
        new("Connect", "/connect", Icons.Material.Filled.Link),
    ];
}
