using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Tests.EndToEnd;

/// <summary>
/// "Another service": a generic host wired exactly as a Provisioner service does it — <c>AddServiceDefaults()</c>,
/// then <c>AddGhlClient("ghl")</c> with <c>ConnectionStrings:ghl</c> pointing at the sandbox — plus the test vault.
/// </summary>
internal sealed class ProvisionerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Uri _ghl;

    private ProvisionerHost(IHost host, Uri ghl)
    {
        _host = host;
        _ghl = ghl;
    }

    public SandboxTokenVault Vault => _host.Services.GetRequiredService<SandboxTokenVault>();

    public IServiceProvider Services => _host.Services;

    public GhlOAuthApi OAuth => _host.Services.GetRequiredService<GhlOAuthApi>();

    public GhlCompaniesApi Companies => _host.Services.GetRequiredService<GhlCompaniesApi>();

    public GhlLocationsApi Locations => _host.Services.GetRequiredService<GhlLocationsApi>();

    public GhlSnapshotsApi Snapshots => _host.Services.GetRequiredService<GhlSnapshotsApi>();

    public GhlCustomValuesApi CustomValues => _host.Services.GetRequiredService<GhlCustomValuesApi>();

    public GhlUsersApi Users => _host.Services.GetRequiredService<GhlUsersApi>();

    /// <param name="settings">More configuration (e.g. "GhlClientOptions:RateBudget", "ConnectionStrings:ghlratebudget").</param>
    public static async Task<ProvisionerHost> StartAsync(Uri ghl, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ghl"] = ghl.ToString(),
            ["GhlClientOptions:ClientId"] = SandboxServer.ClientId,
            ["GhlClientOptions:ClientSecret"] = SandboxServer.ClientSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddGhlClient("ghl");
        builder.Services.AddSingleton<SandboxTokenVault>();
        builder.Services.AddSingleton<IGhlTokenProvider>(sp => sp.GetRequiredService<SandboxTokenVault>());

        var host = builder.Build();
        await host.StartAsync();
        return new ProvisionerHost(host, ghl);
    }

    /// <summary>
    /// The marketplace install: the consent page (auto-approved by the sandbox) redirects to our callback with a code;
    /// the code is exchanged for the agency pair, which the vault keeps. Returns the agency's companyId.
    /// </summary>
    public async Task<string> InstallAgencyAsync(CancellationToken cancellationToken)
    {
        const string state = "xyz";
        var consent = QueryHelpers.AddQueryString(new Uri(_ghl, "/oauth/chooselocation").ToString(), new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = SandboxServer.ClientId,
            ["redirect_uri"] = SandboxServer.RedirectUri,
            ["scope"] = _host.Services.GetRequiredService<IOptions<GhlClientOptions>>().Value.Scopes,
            ["state"] = state,
        });

        // Not following redirects: the callback URL (our gateway) is not running here, and the code is in the Location.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await browser.GetAsync(consent, cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location ?? throw new InvalidOperationException("The consent redirect has no Location.");
        Assert.StartsWith(SandboxServer.RedirectUri + "?", callback.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal(state, query["state"].ToString());
        var code = query["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), "The callback carries no code.");

        GhlTokenResponse tokens = await OAuth.ExchangeCodeAsync(code, GhlUserType.Company, SandboxServer.RedirectUri, cancellationToken);
        Vault.StoreAgency(tokens);
        return tokens.CompanyId!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
