using System.Text.RegularExpressions;

namespace Provisioner.ProvisioningService.Intake;

/// <summary>
/// Resolves <c>{{business.field}}</c> placeholders in custom values against the validated business, once, at intake:
/// the job then stores the exact text GHL will receive. An unknown placeholder, or one naming an empty field, is an
/// error rather than silently becoming empty text in the client's location. The same list of placeholders checks the
/// agency-wide templates when they are saved (<see cref="UnknownPlaceholders"/>), so a template that every intake would
/// refuse cannot be stored.
/// </summary>
public static partial class CustomValueTemplates
{
    private static readonly Dictionary<string, Func<IntakeBusiness, string?>> Fields = new(StringComparer.Ordinal)
    {
        ["business.name"] = b => b.Name,
        ["business.email"] = b => b.Email,
        ["business.phone"] = b => b.Phone,
        ["business.website"] = b => b.Website,
        ["business.address"] = b => b.Address,
        ["business.city"] = b => b.City,
        ["business.state"] = b => b.State,
        ["business.postalCode"] = b => b.PostalCode,
        ["business.country"] = b => b.Country,
        ["business.timezone"] = b => b.Timezone,
        ["business.industry"] = b => b.Industry,
    };

    /// <summary>The placeholder names a custom value may use, in documentation order.</summary>
    public static readonly IReadOnlyList<string> KnownPlaceholders = [.. Fields.Keys];

    private static readonly string KnownList = string.Join(", ", KnownPlaceholders);

    public static string Resolve(ValidationErrors errors, string field, string template, IntakeBusiness business) =>
        Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            if (!Fields.TryGetValue(name, out var lookup))
            {
                errors.Add(field, UnknownMessage(field, name));
                return string.Empty;
            }

            var value = lookup(business);
            if (value is null && !errors.Has(name))
            {
                // A field that failed its own validation is already reported; only a truly empty one is news.
                errors.Add(field, $"'{field}' uses {{{{{name}}}}}, but the intake leaves it empty.");
            }

            return value ?? string.Empty;
        });

    /// <summary>The names inside <c>{{…}}</c> in <paramref name="template"/> that are not placeholders, in order of appearance.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups["name"].Value).Where(n => !Fields.ContainsKey(n)).Distinct(StringComparer.Ordinal)];

    public static string UnknownMessage(string field, string name) =>
        $"'{field}' uses the unknown placeholder {{{{{name}}}}}; known: {KnownList}.";

    [GeneratedRegex(@"\{\{\s*(?<name>[^{}]*?)\s*\}\}")]
    private static partial Regex Placeholder();
}
