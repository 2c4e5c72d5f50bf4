using Provisioner.Contracts.Advisor;
using Provisioner.SnapshotAdvisor.Data;

namespace Provisioner.SnapshotAdvisor.Apis;

/// <summary>
/// Checks request bodies and queries, naming each failing field the way the client sent it (camelCase JSON paths,
/// e.g. <c>tags[2]</c>, <c>defaultCustomValues.company_phone</c>, <c>business.description</c>).
/// </summary>
public static class RequestValidation
{
    public static Dictionary<string, string[]> Query(string? q, int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > 200 })
        {
            errors["q"] = ["Must be at most 200 characters."];
        }

        if (page < 1)
        {
            errors["page"] = ["Must be 1 or more."];
        }

        if (pageSize is < 1 or > SnapshotLimits.MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {SnapshotLimits.MaxPageSize}."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Update(UpdateSnapshotRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Description is { Length: > SnapshotLimits.DescriptionLength })
        {
            errors["description"] = [$"Must be at most {SnapshotLimits.DescriptionLength} characters."];
        }

        var tags = body.Tags ?? [];
        if (tags.Count > SnapshotLimits.MaxTags)
        {
            errors["tags"] = [$"At most {SnapshotLimits.MaxTags} tags."];
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Trim().Length > SnapshotLimits.TagLength)
            {
                errors[$"tags[{i}]"] = [$"A tag must be 1 to {SnapshotLimits.TagLength} characters."];
            }
        }

        var values = body.DefaultCustomValues ?? new Dictionary<string, string>();
        if (values.Count > SnapshotLimits.MaxCustomValues)
        {
            errors["defaultCustomValues"] = [$"At most {SnapshotLimits.MaxCustomValues} custom values."];
        }

        foreach (var (name, value) in values)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > SnapshotLimits.CustomValueNameLength)
            {
                errors[$"defaultCustomValues.{name}"] = [$"A custom value name must be 1 to {SnapshotLimits.CustomValueNameLength} characters."];
            }
            else if (value is null || value.Length > SnapshotLimits.CustomValueLength)
            {
                errors[$"defaultCustomValues.{name}"] = [$"A custom value must be a string of at most {SnapshotLimits.CustomValueLength} characters."];
            }
        }

        var roles = body.DefaultUserRoles ?? [];
        for (var i = 0; i < roles.Count; i++)
        {
            if (roles[i] is null || !SnapshotLimits.UserRoles.Contains(roles[i]))
            {
                errors[$"defaultUserRoles[{i}]"] = [$"Must be one of: {string.Join(", ", SnapshotLimits.UserRoles)}."];
            }
        }

        return errors;
    }

    public static Dictionary<string, string[]> Recommend(RecommendRequest? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Business is not { } business)
        {
            errors["business"] = ["The business to recommend for is required."];
            return errors;
        }

        Limit(errors, "business.name", business.Name, 200);
        Limit(errors, "business.industry", business.Industry, 200);
        Limit(errors, "business.website", business.Website, 500);
        Limit(errors, "business.description", business.Description, SnapshotLimits.DescriptionLength);
        var services = business.Services ?? [];
        if (services.Count > 50)
        {
            errors["business.services"] = ["At most 50 services."];
        }

        for (var i = 0; i < services.Count; i++)
        {
            Limit(errors, $"business.services[{i}]", services[i], 200);
        }

        if (new[] { business.Name, business.Industry, business.Description, business.Website }.All(string.IsNullOrWhiteSpace)
            && services.All(string.IsNullOrWhiteSpace))
        {
            errors["business"] = ["Give at least one of name, industry, description, services or website."];
        }

        return errors;
    }

    private static void Limit(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            errors[field] = [$"Must be at most {max} characters."];
        }
    }
}
