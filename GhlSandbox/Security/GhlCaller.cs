using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.OAuth;

namespace Provisioner.GhlSandbox.Security;

/// <summary>
/// Who is calling: the bearer token resolved once per request (the rate limiter and the handlers share it).
/// Handlers ask it for the spec's security requirement and for access to a company or location.
/// </summary>
public sealed class GhlCaller
{
    private const string ItemKey = "GhlSandbox.Caller";

    public const string WrongTokenType =
        "This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.";

    public const string MissingScope = "The token is not authorized for this scope.";

    private GhlCaller(TokenRecord? token, string? failure)
    {
        Token = token;
        Failure = failure;
    }

    public TokenRecord? Token { get; }

    public string? Failure { get; }

    /// <summary>Valid after a successful <see cref="Require"/>.</summary>
    public TokenRecord Grant => Token ?? throw new InvalidOperationException("The caller has no valid token.");

    public bool IsAgency => Token?.UserType == "Company";

    public static ValueTask<GhlCaller?> BindAsync(HttpContext context) => ValueTask.FromResult<GhlCaller?>(Resolve(context));

    public static GhlCaller Resolve(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is GhlCaller known)
        {
            return known;
        }

        var header = context.Request.Headers.Authorization.ToString();
        GhlCaller caller;
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            caller = new GhlCaller(null, "Invalid token: access token is invalid");
        }
        else
        {
            var check = context.RequestServices.GetRequiredService<TokenStore>().Authenticate(header[7..].Trim());
            caller = new GhlCaller(check.Token, check.Failure);
        }

        context.Items[ItemKey] = caller;
        return caller;
    }

    /// <summary>Checks the operation's security requirement; null when allowed, else GHL's 401.</summary>
    public GhlError? Require(Access access, string? scope)
    {
        if (Token is null)
        {
            return GhlError.Unauthorized(Failure ?? "Invalid token: access token is invalid");
        }

        var kind = IsAgency ? Access.Agency : Access.Location;
        if ((access & kind) == 0)
        {
            return GhlError.Unauthorized(WrongTokenType);
        }

        return scope is null || Token.Scopes.Contains(scope, StringComparer.Ordinal) ? null : GhlError.Unauthorized(MissingScope);
    }

    public GhlError? CanAccessCompany(string? companyId) =>
        Grant.CompanyId == companyId
            ? null
            : GhlError.Unauthorized("This company is not accessible from this token.");

    public GhlError? CanAccessLocation(LocationRecord location) =>
        location.CompanyId == Grant.CompanyId && (IsAgency || Grant.LocationId == location.Id)
            ? null
            : GhlError.Unauthorized("This location is not accessible from this token.");
}
