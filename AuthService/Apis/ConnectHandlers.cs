using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.AuthService.Connect;
using Provisioner.AuthService.Sessions;
using Provisioner.AuthService.Tokens;

namespace Provisioner.AuthService.Apis;

public static class ConnectHandlers
{
    public static async Task<RedirectHttpResult> StartAsync(HttpContext http, ConnectFlow flow, CancellationToken cancellationToken) =>
        TypedResults.Redirect(await flow.StartAsync(http.Response, cancellationToken));

    /// <summary>GHL redirects here with <c>code</c> and <c>state</c>, or with <c>error</c> when consent was denied.</summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> CallbackAsync(
        HttpContext http, ConnectFlow flow, string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        var nonce = http.Request.Cookies[ConnectFlow.NonceCookie];
        http.Response.Cookies.Delete(ConnectFlow.NonceCookie, new CookieOptions { Path = ConnectFlow.CallbackPath });

        var stateFailure = await flow.ConsumeStateAsync(state, nonce, cancellationToken);
        if (!string.IsNullOrEmpty(error))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "error", error == "access_denied"
                ? "The connection was not approved in GHL."
                : "GHL ended the connection with an error.");
        }

        if (stateFailure is not null)
        {
            return Problems.Status(stateFailure.Status, stateFailure.Field, stateFailure.Detail);
        }

        var (caller, failure) = await flow.CompleteAsync(code, cancellationToken);
        if (caller is null)
        {
            return Problems.Status(failure!.Status, failure.Field, failure.Detail);
        }

        var principal = AuthClaims.Create(caller.Subject, caller.AgencyId, caller.Role, caller.Name, caller.Method,
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Redirect("/");
    }

    public static async Task<NoContent> DisconnectAsync(ClaimsPrincipal user, AgencyTokenService tokens, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        await tokens.DisconnectAsync(caller.AgencyId, "Disconnected by an admin", caller.Actor, cancellationToken);
        return TypedResults.NoContent();
    }
}
