using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.OAuth;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>The marketplace consent screen (marketplace.gohighlevel.com/oauth/chooselocation), served locally.</summary>
public static class ConsentApi
{
    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/chooselocation", Show);
        app.MapGet("/v2/oauth/chooselocation", Show);
        app.MapPost("/oauth/chooselocation", DecideAsync);
        return app;
    }

    public static Results<RedirectHttpResult, ContentHttpResult> Show(
        HttpRequest http, SandboxStore store, Installations installations, IOptions<GhlSandboxOptions> options)
    {
        var q = http.Query;
        var request = new AuthorizationRequest(q["response_type"], q["client_id"], q["redirect_uri"], q["scope"], q["state"]);
        if (Validate(request, options.Value) is { } invalid)
        {
            return invalid;
        }

        var companies = store.Read(s => s.Companies.ToList());
        if (options.Value.AutoApprove)
        {
            return Approve(request, companies[0].Id, installations, options.Value);
        }

        var scopes = ScopePolicy.Grant(request.Scope, options.Value) ?? [];
        var page = ConsentPage.Render(request, options.Value.AppId, companies, scopes);
        return TypedResults.Content(page, "text/html");
    }

    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> DecideAsync(
        HttpRequest http, Installations installations, IOptions<GhlSandboxOptions> options)
    {
        if (!http.HasFormContentType)
        {
            return Html(StatusCodes.Status400BadRequest, "The consent form must be posted as a form.");
        }

        var form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
        var request = new AuthorizationRequest("code", form["client_id"], form["redirect_uri"], form["scope"], form["state"]);
        if (Validate(request, options.Value) is { } invalid)
        {
            return invalid;
        }

        if (form["decision"] != "approve")
        {
            return TypedResults.Redirect(WithQuery(request, ("error", "access_denied")));
        }

        return form["companyId"].ToString() is { Length: > 0 } companyId
            ? Approve(request, companyId, installations, options.Value)
            : Html(StatusCodes.Status400BadRequest, "Choose an agency.");
    }

    private static Results<RedirectHttpResult, ContentHttpResult> Approve(
        AuthorizationRequest request, string companyId, Installations installations, GhlSandboxOptions options)
    {
        var scopes = ScopePolicy.Grant(request.Scope, options)!;
        var code = installations.Approve(companyId, scopes, request.RedirectUri!);
        return code is null
            ? Html(StatusCodes.Status400BadRequest, "Unknown agency.")
            : TypedResults.Redirect(WithQuery(request, ("code", code)));
    }

    private static ContentHttpResult? Validate(AuthorizationRequest request, GhlSandboxOptions options)
    {
        // Never redirect to an unregistered URI: errors before that check are shown here, not sent to the app.
        if (request.ClientId != options.ClientId)
        {
            return Html(StatusCodes.Status400BadRequest, "Unknown client_id.");
        }

        if (request.RedirectUri is null || !options.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return Html(StatusCodes.Status400BadRequest, "redirect_uri is not registered for this app.");
        }

        if (request.ResponseType != "code")
        {
            return Html(StatusCodes.Status400BadRequest, "response_type must be code.");
        }

        return ScopePolicy.Grant(request.Scope, options) is null ? Html(StatusCodes.Status400BadRequest, ScopePolicy.CannotBeAdded) : null;
    }

    private static string WithQuery(AuthorizationRequest request, (string Key, string Value) result)
    {
        var query = new Dictionary<string, string?> { [result.Key] = result.Value };
        if (request.State is not null)
        {
            query["state"] = request.State;
        }

        return QueryHelpers.AddQueryString(request.RedirectUri!, query);
    }

    private static ContentHttpResult Html(int status, string message) =>
        TypedResults.Content(ConsentPage.Error(message), "text/html", statusCode: status);
}
