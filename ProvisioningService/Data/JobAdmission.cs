namespace Provisioner.ProvisioningService.Data;

/// <summary>
/// A run slot held by a job of an agency. Rows are only written under the agency's advisory lock
/// (<c>JobAdmissions</c>), so "how many run now" and "who is next" are decided one agency at a time, across instances.
/// The row is deleted when the job stops running (succeeded, failed, cancelled).
/// </summary>
public sealed class JobAdmission
{
    public Guid JobId { get; set; }

    public required string AgencyId { get; set; }

    public DateTimeOffset AdmittedAt { get; set; }
}
