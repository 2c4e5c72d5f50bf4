using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

/// <summary>
/// A portal for the Bulk and Audit page tests: the fake AuthService with its own sessions, ProvisioningService's bulk
/// intake (<see cref="BulkFakeProvisioningService"/>) and AuditService (<see cref="AuditFakeService"/>). The shared
/// <see cref="PortalFixture"/>'s provisioning fake has no bulk route and its audit stand-in only a health report; this
/// one runs beside it in the same collection (one Chromium), as a class fixture.
/// </summary>
public sealed class AuditBulkPortalFixture : IAsyncLifetime
{
    private PortalFactory? _factory;

    public FakeSessions Sessions { get; } = new();

    public FakeAuthService Auth { get; private set; } = default!;

    public BulkFakeProvisioningService Provisioning { get; private set; } = default!;

    public AuditFakeService Audit { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Auth = await FakeAuthService.StartAsync(Sessions);
        Provisioning = await BulkFakeProvisioningService.StartAsync(Sessions);
        Audit = await AuditFakeService.StartAsync(Sessions);
        _factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["services:auth:http:0"] = Auth.Address.ToString(),
            ["services:audit:http:0"] = Audit.Address.ToString(),
            ["services:provisioning:http:0"] = Provisioning.Address.ToString(),
            ["services:advisor:http:0"] = ClosedPort.Address().ToString(),
        });
        BaseAddress = _factory.Start();
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Gives the page's browser context the session cookie of a new user with this role (own agency).</summary>
    public async Task<FakeSession> SignInAsync(IPage page, string role)
    {
        var session = Sessions.Add(role);
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = "provisioner.session", Value = session.Cookie, Url = BaseAddress.ToString(), HttpOnly = true },
        ]);
        return session;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        foreach (var fake in new IAsyncDisposable?[] { Auth, Provisioning, Audit })
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }
        }
    }
}
