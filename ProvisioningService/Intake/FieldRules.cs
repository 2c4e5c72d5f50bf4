using System.Globalization;
using System.Net.Mail;
using PhoneNumbers;
using TimeZoneConverter;

namespace Provisioner.ProvisioningService.Intake;

/// <summary>Single-field checks shared by the business and user parts of the intake. Each adds its errors under <c>field</c>.</summary>
internal static class FieldRules
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly HashSet<string> IanaZones = new(TZConvert.KnownIanaTimeZoneNames, StringComparer.Ordinal);

    public static string? Text(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null)
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required.");
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"'{field}' must be at most {maxLength} characters.");
        }

        // Control characters (NUL above all, which PostgreSQL text cannot hold) are never meant in intake text; line
        // breaks and tabs are, in descriptions.
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(field, $"'{field}' must not contain control characters.");
        }

        return trimmed;
    }

    public static string? Email(ValidationErrors errors, string field, string? value)
    {
        var email = Text(errors, field, value, 254, required: true);
        // MailAddress also accepts "Name <a@b>" and dotless hosts; an intake address must be the bare, routable form.
        // MailAddress accepts invisible and separator characters (U+FEFF, U+2028) inside an address; GHL would store them.
        if (email is not null
            && !(email.All(c => !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.Control
                     or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
                 && MailAddress.TryCreate(email, out var parsed)
                 && parsed.Address == email
                 && parsed.DisplayName.Length == 0
                 && parsed.Host.Contains('.', StringComparison.Ordinal)))
        {
            errors.Add(field, $"'{field}' must be an e-mail address like name@example.com.");
        }

        return email;
    }

    /// <summary>Parses with <paramref name="defaultRegion"/> for numbers written without +country; returns E.164.</summary>
    public static string? Phone(ValidationErrors errors, string field, string? value, string defaultRegion, bool required)
    {
        var text = Text(errors, field, value, 40, required);
        if (text is null)
        {
            return null;
        }

        try
        {
            var number = Phones.Parse(text, defaultRegion);
            if (Phones.IsValidNumber(number))
            {
                return Phones.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException error)
        {
            errors.Add(field, $"'{field}' is not a phone number ({error.ErrorType}).");
            return null;
        }

        errors.Add(field, $"'{field}' is not a valid phone number for region {defaultRegion}; write it with +country code if it is foreign.");
        return null;
    }

    public static string? Country(ValidationErrors errors, string field, string? value)
    {
        var code = Text(errors, field, value, 2, required: true)?.ToUpperInvariant();
        if (code is not null && !IsoCountries.IsAssigned(code))
        {
            errors.Add(field, $"'{field}' must be an ISO 3166-1 alpha-2 country code such as US.");
            return null;
        }

        return code;
    }

    public static string? TimeZone(ValidationErrors errors, string field, string? value)
    {
        var zone = Text(errors, field, value, 64, required: true);
        if (zone is not null && !IanaZones.Contains(zone))
        {
            errors.Add(field, $"'{field}' must be an IANA time zone such as America/Chicago.");
        }

        return zone;
    }

    public static string? WebUrl(ValidationErrors errors, string field, string? value)
    {
        var url = Text(errors, field, value, 2048, required: false);
        if (url is not null
            && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add(field, $"'{field}' must be an absolute http(s) URL.");
        }

        return url;
    }
}
