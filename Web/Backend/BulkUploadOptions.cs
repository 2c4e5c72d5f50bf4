using System.ComponentModel.DataAnnotations;

namespace Provisioner.Web.Backend;

/// <summary>
/// The bulk page's limits (section <c>BulkUploadOptions</c>). They mirror ProvisioningService's
/// <c>BulkProvisionOptions</c> so a too-large file is refused in the browser before it is sent; the service checks again.
/// </summary>
public sealed class BulkUploadOptions
{
    public const string SectionName = nameof(BulkUploadOptions);

    /// <summary>The CSV's size in bytes; ProvisioningService's default is 2 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Data rows per upload, shown on the page; ProvisioningService's default is 500.</summary>
    [Range(1, 10_000)]
    public int MaxRows { get; set; } = 500;
}
