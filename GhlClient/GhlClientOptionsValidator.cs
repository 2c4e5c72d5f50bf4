using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.GhlClient.RateLimiting;

namespace Provisioner.GhlClient;

/// <summary>
/// Checks what data annotations cannot: the base URL's shape (and, in Production, that it is GHL's own API), the
/// relation between timeouts, and the shared rate budget's connection string.
/// </summary>
internal sealed class GhlClientOptionsValidator(IHostEnvironment environment) : IValidateOptions<GhlClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GhlClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{nameof(GhlClientOptions.BaseAddress)} (ConnectionStrings:ghl) must be an absolute http(s) URL.");
        }
        else if (options.BaseAddress is { } baseAddress && environment.IsProduction() && !options.AllowSandboxInProduction && !IsGhl(baseAddress))
        {
            // The sandbox is the default for local runs: a production deployment that forgot ConnectionStrings:ghl must
            // not start against it (or against any other stand-in) and hand real agencies' work to a fake.
            failures.Add(
                $"{nameof(GhlClientOptions.BaseAddress)} (ConnectionStrings:ghl) is {baseAddress.GetLeftPart(UriPartial.Authority)}, not GHL's API " +
                $"({GhlClientOptions.ProductionBaseAddress.GetLeftPart(UriPartial.Authority)}), in the Production environment. GhlSandbox must not " +
                $"serve production; set {GhlClientOptions.SectionName}:{nameof(GhlClientOptions.AllowSandboxInProduction)}=true only if this is deliberate.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add($"{nameof(GhlClientOptions.TotalTimeout)} must be at least {nameof(GhlClientOptions.AttemptTimeout)}.");
        }

        if (options.RateBudget == GhlRateBudgetKind.Postgres)
        {
            ValidateRateBudgetConnection(options.RateBudgetConnectionString, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsGhl(Uri baseAddress) =>
        baseAddress.Scheme == Uri.UriSchemeHttps
        && string.Equals(baseAddress.Host, GhlClientOptions.ProductionBaseAddress.Host, StringComparison.OrdinalIgnoreCase);

    private static void ValidateRateBudgetConnection(string? connectionString, List<string> failures)
    {
        const string Field = $"{nameof(GhlClientOptions.RateBudgetConnectionString)} (ConnectionStrings:{GhlClientExtensions.RateBudgetConnectionName})";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{Field} is required when {nameof(GhlClientOptions.RateBudget)} is {nameof(GhlRateBudgetKind.Postgres)}.");
            return;
        }

        // The message never quotes the string: it holds a password.
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                failures.Add($"{Field} must name a Host and a Database.");
            }
        }
        catch (ArgumentException)
        {
            failures.Add($"{Field} is not a valid Npgsql connection string.");
        }
    }
}
