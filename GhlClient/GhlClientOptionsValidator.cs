using Microsoft.Extensions.Options;

namespace Provisioner.GhlClient;

/// <summary>Checks what data annotations cannot: the base URL's shape and the relation between timeouts.</summary>
internal sealed class GhlClientOptionsValidator : IValidateOptions<GhlClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GhlClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{nameof(GhlClientOptions.BaseAddress)} (ConnectionStrings:ghl) must be an absolute http(s) URL.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{nameof(GhlClientOptions.TotalTimeout)} must be at least {nameof(GhlClientOptions.AttemptTimeout)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
