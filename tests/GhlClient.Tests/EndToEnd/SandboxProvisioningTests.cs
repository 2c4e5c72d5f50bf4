using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Provisioner.GhlClient.Models;
using Provisioner.TestSupport;

namespace Provisioner.GhlClient.Tests.EndToEnd;

/// <summary>
/// The issue-3 proof: a host wired like any Provisioner service (AddServiceDefaults + AddGhlClient) installs the app
/// through OAuth and provisions a sub-account against the real GhlSandbox over real HTTP on loopback.
/// </summary>
public sealed class SandboxProvisioningTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ProvisionLocation_SnapshotCustomValuesAndUser_SandboxHoldsExactlyThat()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var ct = cts.Token;
        using var sandbox = new SandboxServer();
        var ghl = sandbox.Start();
        using var admin = new SandboxAdmin(ghl);
        await using var service = await ProvisionerHost.StartAsync(ghl);
        var companyId = await service.InstallAgencyAsync(ct);
        var unique = Guid.NewGuid().ToString("N")[..8];

        var snapshots = await service.Snapshots.ListAsync(companyId, ct);
        var snapshot = snapshots.FirstOrDefault(s => s.Name?.Contains("Dental", StringComparison.OrdinalIgnoreCase) == true) ?? snapshots[0];
        var location = await service.Locations.CreateAsync(
            new GhlCreateLocationRequest
            {
                Name = $"Bright Smiles Dental {unique}", CompanyId = companyId, SnapshotId = snapshot.Id,
                City = "Austin", State = "TX", Country = "US", Timezone = "America/Chicago",
            },
            ct);
        var locationId = location.Id!;

        // No completion webhook exists: poll snapshot-status (short interval, hard deadline) until nothing is pending.
        var load = await Eventually.GetAsync(
            () => service.Snapshots.GetLoadStatusAsync(companyId, snapshot.Id!, locationId, ct),
            s => s.Status == "completed",
            TimeSpan.FromSeconds(30),
            "the snapshot load to complete");
        Assert.Empty(load.Pending ?? []);

        // Custom values take a location token, which the vault mints from the agency token on first use.
        var values = await service.CustomValues.ListAsync(locationId, ct);
        var businessName = Assert.Single(values, v => v.Name == "Business Name");
        var newBusinessName = $"Bright Smiles Dental of Austin {unique}";
        await service.CustomValues.UpdateAsync(locationId, businessName.Id!, new GhlCustomValueRequest { Name = "Business Name", Value = newBusinessName }, ct);
        await service.CustomValues.CreateAsync(locationId, new GhlCustomValueRequest { Name = "Onboarding Coordinator", Value = "Dana Whitfield" }, ct);

        var email = $"dana.whitfield.{unique}@brightsmiles.example";
        var user = await service.Users.CreateAsync(
            new GhlCreateUserRequest
            {
                CompanyId = companyId, FirstName = "Dana", LastName = "Whitfield", Email = email, Password = StrongPassword(),
                Type = "account", Role = "admin", LocationIds = [locationId],
            },
            cancellationToken: ct);

        var state = await admin.GetStateAsync();
        var stored = Assert.Single(state.Locations, l => l.SnapshotId == snapshot.Id);
        Assert.Equal(locationId, stored.Id);
        Assert.Equal(companyId, stored.CompanyId);
        var storedValues = state.CustomValues.Where(v => v.LocationId == locationId).ToList();
        Assert.Equal(newBusinessName, Assert.Single(storedValues, v => v.Name == "Business Name").Value);
        Assert.Equal("Dana Whitfield", Assert.Single(storedValues, v => v.Name == "Onboarding Coordinator").Value);
        var snapshotValues = state.Agencies.Single(a => a.Id == companyId).Snapshots.Single(s => s.Id == snapshot.Id).CustomValues;
        Assert.Equal(snapshotValues.Select(v => v.Name).Append("Onboarding Coordinator").Order(), storedValues.Select(v => v.Name).Order());
        var storedUser = Assert.Single(state.Users, u => u.Email == email);
        Assert.Equal(user.Id, storedUser.Id);
        Assert.Equal([locationId], storedUser.LocationIds);

        // Every custom-value call went out with a location token (one minted); the sandbox refused none of our calls.
        var journal = await admin.GetJournalAsync();
        Assert.All(journal.Where(e => e.Path.Contains("/customValues", StringComparison.Ordinal)), e => Assert.Equal("Location", e.TokenType));
        Assert.DoesNotContain(journal, e => e.Status >= 400);
        Assert.Equal(1, service.Vault.LocationMints);
        Assert.Equal(0, service.Vault.AgencyRefreshes);
    }

    [Fact]
    public async Task GetCompany_AccessTokenExpired_RefreshesOnceAndSucceeds()
    {
        // The sandbox clock is fake: a day and a second later the access token is expired, the refresh token is not.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await AssertOneRefreshAsync(clock, (_, _) =>
        {
            clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task GetCompany_AccessTokenRejectedOnce_RefreshesOnceAndSucceeds() =>
        await AssertOneRefreshAsync(null, (admin, companyId) => admin.AddFaultAsync("GET", $"/companies/{companyId}", 401, count: 1));

    [Fact]
    public async Task GetCompany_AgencyTokensRevoked_ThrowsInvalidGrantWithoutTokens() =>
        await AssertRefreshFailsAsync(refreshFault: false, HttpStatusCode.BadRequest, "Invalid grant: refresh token is invalid");

    [Fact]
    public async Task GetCompany_RefreshAnswers401_ThrowsGhlApiExceptionWithoutTokens() =>
        await AssertRefreshFailsAsync(refreshFault: true, HttpStatusCode.Unauthorized, "Unauthorized");

    private static async Task AssertOneRefreshAsync(TimeProvider? clock, Func<SandboxAdmin, string, Task> breakAccessToken)
    {
        using var cts = new CancellationTokenSource(Deadline);
        using var sandbox = new SandboxServer(clock);
        var ghl = sandbox.Start();
        using var admin = new SandboxAdmin(ghl);
        await using var service = await ProvisionerHost.StartAsync(ghl);
        var companyId = await service.InstallAgencyAsync(cts.Token);
        var agency = GhlTokenRequest.Agency(companyId);
        var rejected = service.Vault.Current(agency);
        var mark = await admin.GetJournalMarkAsync();

        await breakAccessToken(admin, companyId);
        var company = await service.Companies.GetAsync(companyId, cts.Token);

        Assert.Equal(companyId, company.Id);
        Assert.Equal(1, service.Vault.AgencyRefreshes);
        Assert.NotEqual(rejected, service.Vault.Current(agency));
        // The journal is written as each response completes: wait for the re-sent call before counting.
        var journal = await Eventually.GetAsync(
            () => admin.GetJournalAsync(afterSequence: mark),
            j => j.Any(e => e.Path == $"/companies/{companyId}" && e.Status == 200),
            TimeSpan.FromSeconds(10),
            "the re-sent GET /companies in the journal");
        Assert.Equal([401, 200], journal.Where(e => e.Path == $"/companies/{companyId}").Select(e => e.Status));
        var refresh = Assert.Single(journal, e => e.Path.StartsWith("/oauth/token", StringComparison.Ordinal));
        Assert.Equal(200, refresh.Status);
    }

    private static async Task AssertRefreshFailsAsync(bool refreshFault, HttpStatusCode status, string message)
    {
        using var cts = new CancellationTokenSource(Deadline);
        using var sandbox = new SandboxServer();
        var ghl = sandbox.Start();
        using var admin = new SandboxAdmin(ghl);
        await using var service = await ProvisionerHost.StartAsync(ghl);
        var companyId = await service.InstallAgencyAsync(cts.Token);
        var accessToken = service.Vault.Current(GhlTokenRequest.Agency(companyId))!;
        var refreshToken = service.Vault.CurrentAgencyRefreshToken()!;
        var mark = await admin.GetJournalMarkAsync();

        Assert.True(await admin.RevokeTokensAsync(companyId) >= 2, "The agency's access and refresh tokens were not revoked.");
        if (refreshFault)
        {
            await admin.AddFaultAsync("POST", "/oauth/token", 401, count: 1);
        }

        var error = await Assert.ThrowsAsync<GhlApiException>(() => service.Companies.GetAsync(companyId, cts.Token));

        Assert.Equal("oauth.token.refresh", error.Operation);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(message, error.Messages);
        var text = error.ToString();
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.DoesNotContain(accessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(refreshToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxServer.ClientSecret, text, StringComparison.Ordinal);
        Assert.Equal(1, service.Vault.AgencyRefreshes);
        // A refresh is never re-sent (the token may be spent): exactly one attempt reached the sandbox.
        var journal = await Eventually.GetAsync(
            () => admin.GetJournalAsync(pathPrefix: "/oauth/token", afterSequence: mark), j => j.Count >= 1, TimeSpan.FromSeconds(10), "the refresh in the journal");
        Assert.Equal((int)status, Assert.Single(journal).Status);
    }

    /// <summary>16 random characters plus one of each class the sandbox (and GHL) require.</summary>
    private static string StrongPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "Aa1!";
}
