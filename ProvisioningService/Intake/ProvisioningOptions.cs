using System.ComponentModel.DataAnnotations;

namespace Provisioner.ProvisioningService.Intake;

/// <summary>Intake limits (section <c>ProvisioningOptions</c>).</summary>
public sealed class ProvisioningOptions
{
    /// <summary>Users per intake; GHL creates them one request each, so a large list is a slow, rate-limited job.</summary>
    [Range(1, 100)]
    public int MaxUsers { get; set; } = 25;

    [Range(0, 500)]
    public int MaxCustomValues { get; set; } = 100;

    [Range(1, 10_000)]
    public int MaxCustomValueLength { get; set; } = 2000;
}
