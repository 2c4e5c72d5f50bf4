using System.ComponentModel.DataAnnotations;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class StepUnitTests
{
    [Fact]
    public void Generate_ManyPasswords_AllStrongAndDistinct()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => UserPasswords.Generate()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Equal(UserPasswords.Length, p.Length);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains(p, c => !char.IsAsciiLetterOrDigit(c));
        });
    }

    [Fact]
    public void Validate_DefaultWithUnknownPlaceholder_NamesTheKey()
    {
        var options = new StepOptions
        {
            SnapshotDefaults = new() { ["snap-1"] = new() { ["Greeting"] = "Hi {{business.nmae}}", ["Name"] = "{{business.name}}" } },
        };

        var result = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Equal(["SnapshotDefaults:snap-1:Greeting"], result.MemberNames);
        Assert.Contains("business.nmae", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_KnownAndUnknownNames_ReturnsTheStepOrThrows()
    {
        var catalog = new StepCatalog([new NamedStep(ProvisioningSteps.Users), new NamedStep(ProvisioningSteps.CustomValues)]);

        Assert.Equal(ProvisioningSteps.Users, catalog.Get(ProvisioningSteps.Users).Name);
        Assert.Throws<ArgumentException>(() => catalog.Get(ProvisioningSteps.ChooseSnapshot));
        Assert.Throws<InvalidOperationException>(() => new StepCatalog([new NamedStep("x"), new NamedStep("x")]));
    }

    private sealed class NamedStep(string name) : IProvisioningStep
    {
        public string Name => name;

        public Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
