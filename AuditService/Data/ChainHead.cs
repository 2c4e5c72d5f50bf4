namespace Provisioner.AuditService.Data;

/// <summary>
/// The last link of an agency's chain. The writer continues from it; verify compares it with the last entry, which
/// catches entries removed from the end of the chain.
/// </summary>
public sealed class ChainHead
{
    public string AgencyId { get; set; } = "";

    public long Sequence { get; set; }

    public string Hash { get; set; } = "";
}
