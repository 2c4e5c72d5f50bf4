namespace Provisioner.AuditService.Chain;

/// <summary>
/// The outcome of walking an agency's chain. <paramref name="FirstBrokenId"/> is the message id of the first entry
/// that does not verify; it is null when the chain is whole, or when only its end is missing (see <paramref name="Reason"/>).
/// </summary>
public sealed record VerifyResult(bool Ok, long Checked, Guid? FirstBrokenId, string? Reason);
