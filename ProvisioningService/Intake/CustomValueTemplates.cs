using System.Text.RegularExpressions;

namespace Provisioner.ProvisioningService.Intake;

/// <summary>
/// Resolves <c>{{business.field}}</c> placeholders in custom values against the validated business, once, at intake:
/// the job then stores the exact text GHL will receive. An unknown placeholder, or one naming an empty field, is an
/// error rather than silently becoming empty text in the client's location.
/// </summary>
internal static partial class CustomValueTemplates
{
    public static string Resolve(ValidationErrors errors, string field, string template, IntakeBusiness business) =>
        Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            var value = Lookup(business, name, out var known);
            if (!known)
            {
                errors.Add(field, $"'{field}' uses the unknown placeholder {{{{{name}}}}}; known: business.name, business.email, business.phone, business.website, business.address, business.city, business.state, business.postalCode, business.country, business.timezone, business.industry.");
            }
            else if (value is null && !errors.Has(name))
            {
                // A field that failed its own validation is already reported; only a truly empty one is news.
                errors.Add(field, $"'{field}' uses {{{{{name}}}}}, but the intake leaves it empty.");
            }

            return value ?? string.Empty;
        });

    private static string? Lookup(IntakeBusiness b, string name, out bool known)
    {
        known = true;
        return name switch
        {
            "business.name" => b.Name,
            "business.email" => b.Email,
            "business.phone" => b.Phone,
            "business.website" => b.Website,
            "business.address" => b.Address,
            "business.city" => b.City,
            "business.state" => b.State,
            "business.postalCode" => b.PostalCode,
            "business.country" => b.Country,
            "business.timezone" => b.Timezone,
            "business.industry" => b.Industry,
            _ => Unknown(out known),
        };
    }

    private static string? Unknown(out bool known)
    {
        known = false;
        return null;
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[^{}]*?)\s*\}\}")]
    private static partial Regex Placeholder();
}
