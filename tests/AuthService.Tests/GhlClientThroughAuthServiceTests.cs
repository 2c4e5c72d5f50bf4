using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.TokenProviders;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// Another service's view: GhlClient with <c>AddGhlTokensFromAuthService</c>, its token provider talking to this
/// AuthService (in-process), GHL calls going to the real GhlSandbox.
/// </summary>
public sealed class GhlClientThroughAuthServiceTests(SandboxWorld world) : IClassFixture<SandboxWorld>
{
    [Fact]
    public async Task CustomValues_LocationOnlyRequestInsideAgencyScope_UsesAMintedLocationToken()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);
        using var service = await StartServiceAsync();
        var mark = await world.Ghl.JournalMarkAsync();

        using (GhlAgencyScope.Begin(SandboxGhl.NorthStar))
        {
            await service.Services.GetRequiredService<GhlCustomValuesApi>().ListAsync(locationId);
            await service.Services.GetRequiredService<GhlCustomValuesApi>().ListAsync(locationId);
        }

        var company = await service.Services.GetRequiredService<GhlCompaniesApi>().GetAsync(SandboxGhl.NorthStar);
        Assert.Equal(SandboxGhl.NorthStar, company.Id);
        Assert.Single(await world.Ghl.JournalAsync("/oauth/locationToken", mark));
        Assert.Equal(2, (await world.Ghl.JournalAsync($"/locations/{locationId}/customValues", mark)).Count);
    }

    [Fact]
    public async Task CustomValues_LocationTokenRevokedInGhl_IsMintedAgainOnceAndTheCallSucceeds()
    {
        var locationId = await world.NewLocationAsync(SandboxGhl.NorthStar);
        using var service = await StartServiceAsync();
        var customValues = service.Services.GetRequiredService<GhlCustomValuesApi>();
        using var _ = GhlAgencyScope.Begin(SandboxGhl.NorthStar);
        await customValues.ListAsync(locationId);
        using (var revoke = await world.Ghl.Admin.PostAsJsonAsync("/_sandbox/faults/revoke-tokens", new { resourceId = locationId }))
        {
            revoke.EnsureSuccessStatusCode();
        }

        var mark = await world.Ghl.JournalMarkAsync();

        await customValues.ListAsync(locationId);

        Assert.Single(await world.Ghl.JournalAsync("/oauth/locationToken", mark));
        var calls = await world.Ghl.JournalAsync($"/locations/{locationId}/customValues", mark);
        Assert.Equal([401, 200], calls.Select(c => c.Status));
    }

    private async Task<IHost> StartServiceAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ghl"] = world.Ghl.Url.ToString(),
            ["GhlClientOptions:ClientId"] = SandboxGhl.ClientId,
            ["GhlClientOptions:ClientSecret"] = SandboxGhl.ClientSecret,
            ["GhlTokenProviderOptions:BaseAddress"] = world.Host.Server.BaseAddress.ToString(),
            ["GhlTokenProviderOptions:InternalKey"] = AuthHost.InternalKey,
        });
        builder.AddGhlClient();
        builder.AddGhlTokensFromAuthService();
        builder.Services.AddHttpClient<AuthServiceGhlTokenProvider>().ConfigurePrimaryHttpMessageHandler(() => world.Host.Server.CreateHandler());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
