using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.ProvisioningService.Tests.Steps;

namespace Provisioner.ProvisioningService.Tests.EndToEnd;

/// <summary>
/// The real ProvisioningService with its saga, steps and GHL client against a real GhlSandbox on loopback, with both
/// seeded agencies installed (NorthStar and Peak). Tokens come from the OAuth flow (<see cref="SandboxTokens"/>), as
/// AuthService's vault would hand them out.
/// </summary>
public sealed class SandboxProvisioningHost : ProvisioningHost
{
    public const string NorthStar = "Gx7pQ2rT9vLm4KdW8sHa";
    public const string Peak = "Hk2mW8cV5nB1xZ4qR6tY";
    public const string NorthStarDental = StepsSandbox.DentalSnapshot;
    public const string PeakDental = "6g3Ot1OGMmjxWkI9X7H6";

    private readonly StepsSandbox sandbox = new(new SandboxSettings(TimeSpan.FromSeconds(1)));
    private Uri? ghl;

    internal StepsSandbox Sandbox => sandbox;

    public override async Task InitializeAsync()
    {
        ghl = sandbox.Start();
        await base.InitializeAsync();
        await InstallAsync(NorthStar);
        await InstallAsync(Peak);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:ghl", ghl!.ToString());
        builder.UseSetting("GhlClientOptions:ClientId", StepsSandbox.ClientId);
        builder.UseSetting("GhlClientOptions:ClientSecret", StepsSandbox.ClientSecret);
        builder.UseSetting("GhlClientOptions:Scopes", sandbox.Scopes);
        builder.UseSetting("GhlClientOptions:RetryBaseDelay", "00:00:00.050");
        builder.UseSetting("StepOptions:SnapshotPollInterval", "00:00:00.250");
        builder.UseSetting("JobRunOptions:MaxAttempts", "5");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<SandboxTokens>();
            services.RemoveAll<IGhlTokenProvider>();
            services.AddSingleton<IGhlTokenProvider>(sp => sp.GetRequiredService<SandboxTokens>());
        });
    }

    /// <summary>Consent for <paramref name="companyId"/> (the form post a person would make), then the code exchange.</summary>
    private async Task InstallAsync(string companyId)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = ghl };
        using var answer = await browser.PostAsync("/oauth/chooselocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = StepsSandbox.ClientId,
            ["redirect_uri"] = StepsSandbox.RedirectUri,
            ["scope"] = sandbox.Scopes,
            ["state"] = "e2e",
            ["decision"] = "approve",
            ["companyId"] = companyId,
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var code = QueryHelpers.ParseQuery(answer.Headers.Location!.Query)["code"].ToString();
        var tokens = await Services.GetRequiredService<GhlOAuthApi>().ExchangeCodeAsync(code, GhlUserType.Company, StepsSandbox.RedirectUri);
        Assert.Equal(companyId, tokens.CompanyId);
        Services.GetRequiredService<SandboxTokens>().StoreAgency(tokens.CompanyId!, tokens.AccessToken!, tokens.RefreshToken);
    }

    protected override async Task DisposeExtrasAsync() => await sandbox.DisposeAsync();
}
