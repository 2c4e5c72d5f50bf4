namespace Provisioner.Contracts.Provisioning;

/// <summary>The step names a job goes through, in order; used in step events and in the jobs API.</summary>
public static class ProvisioningSteps
{
    public const string ChooseSnapshot = "choose-snapshot";
    public const string CreateLocation = "create-location";
    public const string WaitForSnapshot = "wait-for-snapshot";
    public const string CustomValues = "custom-values";
    public const string Users = "users";

    public static readonly IReadOnlyList<string> All = [ChooseSnapshot, CreateLocation, WaitForSnapshot, CustomValues, Users];

    /// <summary>The step after <paramref name="step"/>, or null after the last.</summary>
    public static string? After(string step)
    {
        var index = All.ToList().IndexOf(step);
        if (index < 0)
        {
            throw new ArgumentException($"'{step}' is not a provisioning step.", nameof(step));
        }

        return index + 1 < All.Count ? All[index + 1] : null;
    }
}
