namespace Provisioner.ProvisioningService.Data;

/// <summary>
/// An agency-wide custom value every intake of the agency gets unless it gives the name itself. <see cref="Value"/>
/// is stored as the admin wrote it, placeholders included; each intake resolves it against its own business.
/// </summary>
public sealed class CustomValueTemplate
{
    public required string AgencyId { get; set; }

    public required string Name { get; set; }

    public required string Value { get; set; }
}
