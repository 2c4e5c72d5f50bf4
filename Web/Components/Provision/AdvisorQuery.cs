using Provisioner.Web.Backend;
using Provisioner.Web.Provision;

namespace Provisioner.Web.Components.Provision;

/// <summary>When the intake says enough about the business to ask the advisor, and what it asks with.</summary>
public static class AdvisorQuery
{
    /// <summary>
    /// A name alone ranks poorly: the advisor is asked once the name and at least one of industry, description or
    /// website are filled in.
    /// </summary>
    public static bool IsReady(BusinessFields business) =>
        !string.IsNullOrWhiteSpace(business.Name)
        && (!string.IsNullOrWhiteSpace(business.Industry) || !string.IsNullOrWhiteSpace(business.Description)
            || !string.IsNullOrWhiteSpace(business.Website));

    public static AdvisorBusinessBody From(BusinessFields b) => new(
        Clean(b.Name) ?? "", Clean(b.Email), Clean(b.Phone), Clean(b.Website), Clean(b.Address), Clean(b.City), Clean(b.State),
        Clean(b.PostalCode), Clean(b.Country), Clean(b.Timezone), Clean(b.Industry), Clean(b.Description), null);

    /// <summary>Changes when a field the advisor reads changes; the picker asks again only then.</summary>
    public static string Key(BusinessFields b) => string.Join('\u001f', b.Name, b.Industry, b.Description, b.Website, b.City, b.State, b.Country);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
