using Microsoft.AspNetCore.Components.Routing;

namespace Provisioner.Web.Navigation;

/// <summary>One entry of the navigation drawer.</summary>
public sealed record NavItem(string Title, string Href, string Icon, NavLinkMatch Match = NavLinkMatch.All);
