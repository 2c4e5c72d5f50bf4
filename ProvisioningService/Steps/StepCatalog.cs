using Provisioner.Contracts.Provisioning;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>The GHL steps by their <see cref="ProvisioningSteps"/> name, for the saga to run the current one.</summary>
public sealed class StepCatalog
{
    private readonly Dictionary<string, IProvisioningStep> _steps;

    public StepCatalog(IEnumerable<IProvisioningStep> steps)
    {
        _steps = new Dictionary<string, IProvisioningStep>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!_steps.TryAdd(step.Name, step))
            {
                throw new InvalidOperationException($"Two provisioning steps are named '{step.Name}'.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _steps.Keys;

    /// <summary>The step named <paramref name="name"/>; an unknown name is a bug in the caller.</summary>
    public IProvisioningStep Get(string name) =>
        _steps.TryGetValue(name, out var step)
            ? step
            : throw new ArgumentException($"'{name}' is not a GHL provisioning step; known: {string.Join(", ", _steps.Keys)}.", nameof(name));

    public bool TryGet(string name, out IProvisioningStep step) => _steps.TryGetValue(name, out step!);
}
