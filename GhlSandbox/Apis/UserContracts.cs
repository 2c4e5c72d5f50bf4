using System.Net.Mail;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>users.json CreateUserDto / UpdateUserDto (scopes, twilioPhone and profilePhoto accepted and ignored).</summary>
public sealed record UserRequest(
    string? CompanyId,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Password,
    string? Phone,
    string? Type,
    string? Role,
    List<string>? LocationIds,
    Dictionary<string, bool>? Permissions,
    string? PlatformLanguage)
{
    private static readonly string[] Languages = ["en_US", "es", "fr_CA", "fr_FR", "nl", "de", "pt_PT", "pt_BR", "it", "sv", "da", "fi", "no"];

    public GhlError? ValidateCreate()
    {
        var messages = new List<string>();
        foreach (var (name, value) in new[]
        {
            ("companyId", CompanyId), ("firstName", FirstName), ("lastName", LastName), ("email", Email),
            ("password", Password), ("type", Type), ("role", Role),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                messages.Add($"{name} should not be empty");
            }
        }

        if (LocationIds is null)
        {
            messages.Add("locationIds must be an array");
        }

        messages.AddRange(ValidateFields());
        return messages.Count > 0 ? GhlError.Unprocessable([.. messages]) : null;
    }

    public GhlError? ValidateUpdate()
    {
        var messages = ValidateFields().ToArray();
        return messages.Length > 0 ? GhlError.Unprocessable(messages) : null;
    }

    private IEnumerable<string> ValidateFields()
    {
        if (!string.IsNullOrWhiteSpace(Email) && !MailAddress.TryCreate(Email, out _))
        {
            yield return "email must be an email";
        }

        // The v3 spec's rule (assumed for v2): at least 12 characters with upper, lower, digit and special.
        if (!string.IsNullOrEmpty(Password) && (Password.Length < 12 || !Password.Any(char.IsUpper) || !Password.Any(char.IsLower)
            || !Password.Any(char.IsDigit) || Password.All(char.IsLetterOrDigit)))
        {
            yield return "password must be at least 12 characters with upper case, lower case, a digit and a special character";
        }

        if (Type is not (null or "agency" or "account"))
        {
            yield return "type must be one of: agency, account";
        }

        if (Role is not (null or "admin" or "user"))
        {
            yield return "role must be one of: admin, user";
        }

        if (PlatformLanguage is not null && !Languages.Contains(PlatformLanguage))
        {
            yield return $"platformLanguage must be one of: {string.Join(", ", Languages)}";
        }
    }
}

/// <summary>FilterByEmailDto.</summary>
public sealed record FilterByEmailRequest(string? CompanyId, string? Emails, bool? Deleted, string? Skip, string? Limit, string? Projection);

/// <summary>UserSchema / UserSuccessfulResponseDto; with projection "id,email" only those two are filled.</summary>
public sealed record UserView(
    string Id, string? Name, string? FirstName, string? LastName, string Email, string? Phone, string? Extension,
    Dictionary<string, bool>? Permissions, UserRoles? Roles, bool? Deleted, string? PlatformLanguage)
{
    public static UserView From(UserRecord u) => new(
        u.Id, $"{u.FirstName} {u.LastName}", u.FirstName, u.LastName, u.Email, u.Phone, string.Empty, u.Permissions,
        new UserRoles(u.Type, u.Role, u.LocationIds, u.Type == "account"), u.Deleted, u.PlatformLanguage);

    public static UserView IdAndEmail(UserRecord u) => new(u.Id, null, null, null, u.Email, null, null, null, null, null, null);
}

public sealed record UserRoles(string Type, string Role, IReadOnlyList<string> LocationIds, bool RestrictSubAccount);

public sealed record UserSearchResponse(IReadOnlyList<UserView> Users, int Count);

public sealed record UserListResponse(IReadOnlyList<UserView> Users);
