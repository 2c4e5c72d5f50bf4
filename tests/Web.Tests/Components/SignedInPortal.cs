extern alias web;

using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Errors;
using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests.Components;

/// <summary>
/// The portal's session services in a bUnit context, over a fake gateway: the user of agency a1 with the role a test
/// chooses, signed in by a session cookie, as every component that needs a session sees them in the portal.
/// </summary>
internal static class SignedInPortal
{
    /// <summary>AuthService's answers a signed-in component asks for (who am I, a service token); null for any other request.</summary>
    public static HttpResponseMessage? AnswerAuth(HttpRequestMessage request, string role) =>
        (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("GET", "/api/auth/me") => FakeHttpHandler.Json(HttpStatusCode.OK,
                $$"""{"user":null,"agency":{"id":"a1","name":"Agency One","connectionState":"Connected","scopes":[],"tokenExpiresAt":null,"lastRefreshedAt":null},"role":"{{role}}","authenticatedBy":"session"}"""),
            ("POST", "/api/auth/token") => FakeHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"jwt","token_type":"Bearer","expires_in":300}"""),
            _ => null,
        };

    /// <summary>MudBlazor, loose JS interop, and the session, credentials and token services, all calling <paramref name="backend"/>.</summary>
    public static void AddPortalSession(this BunitContext bunit, HttpMessageHandler backend)
    {
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddScoped<CircuitCredentials>();
        bunit.Services.AddScoped<AgencyConnectionState>();
        bunit.Services.AddScoped<ErrorNotifier>();
        bunit.Services.AddScoped(sp => new AuthApiClient(new HttpClient(backend), sp.GetRequiredService<CircuitCredentials>()));
        bunit.Services.AddScoped(sp => new ServiceTokenProvider(sp.GetRequiredService<AuthApiClient>(), TimeProvider.System));
        bunit.Services.AddScoped<UserSession>();
    }

    /// <summary>A typed service client (jobs, snapshots, audit…) over <paramref name="backend"/> with the session's service token.</summary>
    public static void AddServiceClient<TClient>(this BunitContext bunit, HttpMessageHandler backend, Func<HttpClient, ServiceTokenProvider, TClient> create)
        where TClient : class =>
        bunit.Services.AddScoped(sp => create(new HttpClient(backend), sp.GetRequiredService<ServiceTokenProvider>()));

    /// <summary>Signs in with the session cookie, loads the session, and renders the popover provider MudBlazor's menus need.</summary>
    public static async Task SignInAsync(this BunitContext bunit)
    {
        bunit.Services.GetRequiredService<CircuitCredentials>().Capture("provisioner.session=abc");
        await bunit.Services.GetRequiredService<UserSession>().EnsureLoadedAsync(CancellationToken.None);
        bunit.Render<MudPopoverProvider>();
    }
}
