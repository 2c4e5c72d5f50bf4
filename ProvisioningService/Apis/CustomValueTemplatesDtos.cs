using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>The agency's templates, name → value as written (placeholders unresolved), ordered by name.</summary>
public sealed record CustomValueTemplatesView(SortedDictionary<string, string> Templates);

/// <summary>PUT body: the agency's whole set of templates, name → value; values may use the intake's <c>{{business.x}}</c> placeholders.</summary>
public sealed record CustomValueTemplatesUpdate(Dictionary<string, string?>? Templates)
{
    /// <summary>
    /// The templates to store (names trimmed) and the errors, keyed <c>templates[name]</c> with the name as sent. The
    /// rules are the intake's for custom values, checked before any intake uses them: a template every intake would
    /// refuse (an unknown placeholder, a name too long) cannot be saved.
    /// </summary>
    public static (SortedDictionary<string, string> Templates, ValidationErrors Errors) Validate(CustomValueTemplatesUpdate? update, ProvisioningOptions options)
    {
        var errors = new ValidationErrors();
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (update?.Templates is not { } given)
        {
            errors.Add("templates", "'templates' is required: an object of name → value ({} removes every template).");
            return (templates, errors);
        }

        if (given.Count > options.MaxCustomValues)
        {
            errors.Add("templates", $"'templates' may hold at most {options.MaxCustomValues} entries.");
            return (templates, errors);
        }

        foreach (var (key, value) in given)
        {
            var field = $"templates[{key}]";
            var name = key.Trim();
            if (name.Length is 0 or > 100)
            {
                errors.Add(field, $"'{field}': a template name must be 1 to 100 characters.");
                continue;
            }

            if (name.Any(char.IsControl))
            {
                errors.Add(field, $"'{field}': a template name must not contain control characters.");
                continue;
            }

            if (value is null)
            {
                errors.Add(field, $"'{field}' must be a text value.");
                continue;
            }

            if (value.Length > options.MaxCustomValueLength)
            {
                errors.Add(field, $"'{field}' must be at most {options.MaxCustomValueLength} characters.");
            }

            // As in intake text: NUL cannot be stored in PostgreSQL text; line breaks and tabs are meant.
            if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                errors.Add(field, $"'{field}' must not contain control characters.");
            }

            foreach (var unknown in CustomValueTemplates.UnknownPlaceholders(value))
            {
                errors.Add(field, CustomValueTemplates.UnknownMessage(field, unknown));
            }

            if (!templates.TryAdd(name, value))
            {
                errors.Add(field, $"'{field}' repeats another template's name.");
            }
        }

        return (templates, errors);
    }
}
