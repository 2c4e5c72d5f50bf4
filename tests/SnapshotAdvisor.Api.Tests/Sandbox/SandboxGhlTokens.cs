using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Provisioner.GhlClient;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Sandbox;

/// <summary>
/// The test <see cref="IGhlTokenProvider"/>: real sandbox agency tokens, obtained the way an agency connects — the
/// consent form approved for that agency, the code exchanged at <c>/oauth/token</c> — and refreshed with the rotating
/// refresh token on a 401. It stands in for AuthService (which holds the tokens in production) and never calls it.
/// </summary>
internal sealed class SandboxGhlTokens(Uri sandbox) : IGhlTokenProvider, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sandbox };
    private readonly ConcurrentDictionary<string, Pair> _pairs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _installs;

    /// <summary>How many consent + code exchanges ran; one per agency shows tokens are reused across syncs.</summary>
    public int Installs => Volatile.Read(ref _installs);

    public async ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken)
    {
        var agency = AgencyOf(request);
        if (_pairs.TryGetValue(agency, out var held))
        {
            return held.AccessToken;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_pairs.TryGetValue(agency, out held))
            {
                held = await InstallAsync(agency, cancellationToken);
                _pairs[agency] = held;
            }

            return held.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken)
    {
        var agency = AgencyOf(request);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Refresh tokens are single-use: refresh only if nobody has replaced the rejected token yet.
            var held = _pairs[agency];
            if (held.AccessToken == rejectedToken)
            {
                held = await ExchangeAsync(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token", ["refresh_token"] = held.RefreshToken, ["user_type"] = "Company",
                }, cancellationToken);
                _pairs[agency] = held;
            }

            return held.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private static string AgencyOf(GhlTokenRequest request) =>
        request.Kind == GhlTokenKind.Agency && request.CompanyId is { } agency
            ? agency
            : throw new InvalidOperationException("The advisor only reads agency-level GHL data; a location token was asked for.");

    private async Task<Pair> InstallAsync(string agency, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _installs);
        using var consent = await _http.PostAsync("/oauth/chooselocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = SandboxGhl.ClientId, ["redirect_uri"] = SandboxGhl.RedirectUri, ["state"] = "advisor-test",
            ["companyId"] = agency, ["decision"] = "approve",
        }), cancellationToken);
        if (consent.StatusCode != HttpStatusCode.Redirect || consent.Headers.Location is not { } callback)
        {
            throw new InvalidOperationException($"The sandbox did not approve agency {agency}: {(int)consent.StatusCode}.");
        }

        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        return await ExchangeAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["user_type"] = "Company", ["redirect_uri"] = SandboxGhl.RedirectUri,
        }, cancellationToken);
    }

    private async Task<Pair> ExchangeAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = SandboxGhl.ClientId;
        form["client_secret"] = SandboxGhl.ClientSecret;
        using var response = await _http.PostAsync("/oauth/token", new FormUrlEncodedContent(form), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The status only: the body could echo a grant.
            throw new InvalidOperationException($"The sandbox refused the token exchange: {(int)response.StatusCode}.");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new Pair(body.RootElement.GetProperty("access_token").GetString()!, body.RootElement.GetProperty("refresh_token").GetString()!);
    }

    private sealed record Pair(string AccessToken, string RefreshToken)
    {
        // Secrets: a record printed in an assertion message must not carry them.
        public override string ToString() => nameof(Pair);
    }
}
