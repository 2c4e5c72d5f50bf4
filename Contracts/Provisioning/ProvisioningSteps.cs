namespace Provisioner.Contracts.Provisioning;

/// <summary>The step names a job goes through, in order; used in step events and in the jobs API.</summary>
public static class ProvisioningSteps
{
    public const string CreateLocation = "create-location";
    public const string WaitForSnapshot = "wait-for-snapshot";
    public const string CustomValues = "custom-values";
    public const string Users = "users";

    public static readonly IReadOnlyList<string> All = [CreateLocation, WaitForSnapshot, CustomValues, Users];
}
