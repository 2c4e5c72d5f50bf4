using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Tests.Steps;

/// <summary>Validated intakes with names and e-mails of their own, as the intake API would store them.</summary>
internal static class StepIntakes
{
    public static ValidatedIntake Create(
        IReadOnlyDictionary<string, string>? customValues = null, IReadOnlyList<IntakeUser>? users = null, string? tag = null)
    {
        tag ??= Guid.NewGuid().ToString("N")[..8];
        var business = new IntakeBusiness(
            $"Bright Smiles {tag}", $"office-{tag}@brightsmiles.example", "+13125550100", "https://brightsmiles.example",
            "1 Main St", "Chicago", "IL", "60601", "US", "America/Chicago", "Dental", "Family dentistry.");
        return new ValidatedIntake(
            business,
            StepsSandbox.DentalSnapshot,
            new SortedDictionary<string, string>(customValues?.ToDictionary() ?? [], StringComparer.Ordinal),
            users ?? []);
    }

    public static IntakeUser User(string first, string role, string tag) =>
        new(first, "Tester", $"{first.ToLowerInvariant()}-{tag}@brightsmiles.example", null, role);
}
