namespace Provisioner.GhlSandbox.Security;

/// <summary>The spec's security schemes: Agency-Access(-Only) takes a Company token, Location-Access/bearer a Location one.</summary>
[Flags]
public enum Access
{
    Agency = 1,
    Location = 2,
    AgencyOrLocation = Agency | Location,
}
