using Microsoft.Extensions.Options;

namespace Provisioner.AuthService.Internal;

/// <summary>At least one key outside Development; every key long enough. Messages never echo a key.</summary>
public sealed class InternalApiOptionsValidator(IHostEnvironment environment) : IValidateOptions<InternalApiOptions>
{
    public ValidateOptionsResult Validate(string? name, InternalApiOptions options)
    {
        var failures = new List<string>();
        if (options.Keys.Count == 0 && !environment.IsDevelopment())
        {
            failures.Add($"{InternalApiOptions.SectionName}:Keys needs at least one key outside Development "
                + "(AppHost generates one per run; see AuthService's README).");
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            if (options.Keys[i] is not { Length: >= InternalApiOptions.MinimumKeyLength })
            {
                failures.Add($"{InternalApiOptions.SectionName}:Keys:{i} must be at least {InternalApiOptions.MinimumKeyLength} characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
