namespace Provisioner.Web.Backend;

/// <summary>ProvisioningService's job states (Data/JobStatus.cs), for filters.</summary>
public static class JobStatuses
{
    public static readonly IReadOnlyList<string> All = ["Queued", "Running", "Succeeded", "Failed", "Cancelled", "Compensated"];

    /// <summary>States after which a job changes no more unless retried.</summary>
    public static bool IsFinal(string status) => status is "Succeeded" or "Failed" or "Cancelled" or "Compensated";
}
