using System.Net;
using System.Web;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// What a person does to connect an agency: AuthService's <c>/api/auth/connect</c> (nonce cookie) → the sandbox's
/// consent form approving the company → AuthService's callback, which stores the agency's tokens in the vault.
/// </summary>
internal static class AgencyConnection
{
    public static async Task ConnectAsync(Uri auth, Uri sandbox, string companyId)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });
        using var start = await browser.GetAsync(new Uri(auth, "/api/auth/connect"));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        using var decision = await ApproveAsync(browser, sandbox, start.Headers.Location!, companyId);
        using var callback = await browser.GetAsync(new Uri(auth, "/api/auth/callback" + decision.Headers.Location!.Query));
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect,
            $"callback for {companyId}: {(int)callback.StatusCode} {await callback.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Approves <paramref name="companyId"/> on the sandbox's consent form that <paramref name="consentUrl"/> (AuthService's
    /// redirect) shows; the answer is the redirect to the callback, carrying the code and the state.
    /// </summary>
    public static async Task<HttpResponseMessage> ApproveAsync(HttpClient noRedirects, Uri sandbox, Uri consentUrl, string companyId)
    {
        var consent = HttpUtility.ParseQueryString(consentUrl.Query);
        var decision = await noRedirects.PostAsync(new Uri(sandbox, "/oauth/chooselocation"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = consent["client_id"]!,
            ["redirect_uri"] = consent["redirect_uri"]!,
            ["scope"] = consent["scope"]!,
            ["state"] = consent["state"]!,
            ["decision"] = "approve",
            ["companyId"] = companyId,
        }));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        return decision;
    }
}
