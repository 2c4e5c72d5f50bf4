using Microsoft.AspNetCore.Components.Routing;

namespace Provisioner.Web.Navigation;

/// <summary>
/// One entry of the navigation drawer. <see cref="AdminOnly"/> entries are hidden from signed-in users who are not
/// admins (their pages refuse them anyway: hiding the link is convenience, not security).
/// </summary>
public sealed record NavItem(string Title, string Href, string Icon, NavLinkMatch Match = NavLinkMatch.All, bool AdminOnly = false);
