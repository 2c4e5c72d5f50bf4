using Microsoft.Extensions.Options;

namespace Provisioner.ProvisioningService.Intake;

/// <summary>
/// Validates and normalises an intake at the edge, naming every failing field by its JSON path. Nothing invalid
/// reaches the database or the saga, so GHL never sees data it would reject halfway through a job.
/// </summary>
public sealed class IntakeValidator(IOptions<ProvisioningOptions> options)
{
    /// <summary>GHL's location user roles (Users API <c>role</c>: admin or user).</summary>
    public static readonly IReadOnlyList<string> UserRoles = ["admin", "user"];

    public ValidatedIntake? Validate(ProvisionRequest request, ValidationErrors errors)
    {
        var business = ValidateBusiness(request.Business, errors);
        var snapshotId = FieldRules.Text(errors, "snapshotId", request.SnapshotId, 100, required: false);
        var users = ValidateUsers(request.Users, business?.Country ?? "US", errors);
        var customValues = business is null ? [] : ValidateCustomValues(request.CustomValues, business, errors);
        return errors.Any || business is null ? null : new ValidatedIntake(business, snapshotId, customValues, users);
    }

    private static IntakeBusiness? ValidateBusiness(BusinessRequest? b, ValidationErrors errors)
    {
        if (b is null)
        {
            errors.Add("business", "'business' is required.");
            return null;
        }

        var country = FieldRules.Country(errors, "business.country", b.Country);
        var business = new IntakeBusiness(
            Name: FieldRules.Text(errors, "business.name", b.Name, 200, required: true)!,
            Email: FieldRules.Email(errors, "business.email", b.Email)!,
            // The business's own country is the natural reading of a national-format number.
            Phone: FieldRules.Phone(errors, "business.phone", b.Phone, country ?? "US", required: true)!,
            Website: FieldRules.WebUrl(errors, "business.website", b.Website),
            Address: FieldRules.Text(errors, "business.address", b.Address, 300, required: false),
            City: FieldRules.Text(errors, "business.city", b.City, 100, required: false),
            State: FieldRules.Text(errors, "business.state", b.State, 100, required: false),
            PostalCode: FieldRules.Text(errors, "business.postalCode", b.PostalCode, 20, required: false),
            Country: country!,
            Timezone: FieldRules.TimeZone(errors, "business.timezone", b.Timezone)!,
            Industry: FieldRules.Text(errors, "business.industry", b.Industry, 100, required: false),
            Description: FieldRules.Text(errors, "business.description", b.Description, 2000, required: false));
        return business;
    }

    private List<IntakeUser> ValidateUsers(List<UserRequest?>? users, string region, ValidationErrors errors)
    {
        var result = new List<IntakeUser>();
        if (users is null)
        {
            return result;
        }

        if (users.Count > options.Value.MaxUsers)
        {
            errors.Add("users", $"'users' may hold at most {options.Value.MaxUsers} users.");
            return result;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            var prefix = $"users[{i}]";
            if (users[i] is not { } u)
            {
                errors.Add(prefix, $"'{prefix}' must be an object.");
                continue;
            }

            var email = FieldRules.Email(errors, $"{prefix}.email", u.Email);
            if (email is not null && !seen.Add(email))
            {
                errors.Add($"{prefix}.email", $"'{prefix}.email' repeats the e-mail of an earlier user.");
            }

            var role = FieldRules.Text(errors, $"{prefix}.role", u.Role, 20, required: true)?.ToLowerInvariant();
            if (role is not null && !UserRoles.Contains(role))
            {
                errors.Add($"{prefix}.role", $"'{prefix}.role' must be one of: {string.Join(", ", UserRoles)}.");
            }

            result.Add(new IntakeUser(
                FieldRules.Text(errors, $"{prefix}.firstName", u.FirstName, 100, required: true)!,
                FieldRules.Text(errors, $"{prefix}.lastName", u.LastName, 100, required: true)!,
                email!,
                FieldRules.Phone(errors, $"{prefix}.phone", u.Phone, region, required: false),
                role!));
        }

        return result;
    }

    private SortedDictionary<string, string> ValidateCustomValues(
        Dictionary<string, string?>? values, IntakeBusiness business, ValidationErrors errors)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (values is null)
        {
            return result;
        }

        if (values.Count > options.Value.MaxCustomValues)
        {
            errors.Add("customValues", $"'customValues' may hold at most {options.Value.MaxCustomValues} entries.");
            return result;
        }

        foreach (var (key, value) in values)
        {
            var field = $"customValues[{key}]";
            var name = key.Trim();
            if (name.Length is 0 or > 100)
            {
                errors.Add(field, $"'{field}': a custom value name must be 1 to 100 characters.");
                continue;
            }

            if (value is null)
            {
                errors.Add(field, $"'{field}' must be a text value.");
                continue;
            }

            var resolved = CustomValueTemplates.Resolve(errors, field, value, business);
            if (resolved.Length > options.Value.MaxCustomValueLength)
            {
                errors.Add(field, $"'{field}' must be at most {options.Value.MaxCustomValueLength} characters once resolved.");
            }

            if (!result.TryAdd(name, resolved))
            {
                errors.Add(field, $"'{field}' repeats another custom value's name.");
            }
        }

        return result;
    }
}
