using System.ComponentModel.DataAnnotations;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>Bulk CSV intake limits (section <c>BulkProvisionOptions</c>).</summary>
public sealed class BulkProvisionOptions
{
    /// <summary>Data rows per upload; all of them are validated and (without <c>partial</c>) created in one transaction.</summary>
    [Range(1, 10_000)]
    public int MaxRows { get; set; } = 500;

    /// <summary>The CSV's size in bytes (the file itself for a multipart upload).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 2 * 1024 * 1024;
}
