using Microsoft.Playwright;
using Provisioner.TestSupport;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// The portal the browser tests drive, wired to fake backends: <c>auth</c> (healthy; sessions from
/// <see cref="Sessions"/>) and <c>audit</c> report healthy, <c>provisioning</c> serves the jobs API but reports its
/// database unhealthy (HTTP 503), <c>advisor</c> does not listen at all. Queues come from the real test broker's
/// management API. Each test signs in as its own user of its own agency (<see cref="SignInAsync"/>).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string FailingEntry = "database";
    public const string FailingDescription = "connection refused";

    private FakeHealthService? _healthy;
    private PortalFactory? _factory;

    public FakeSessions Sessions { get; } = new();

    public FakeAuthService Auth { get; private set; } = default!;

    public FakeProvisioningService Provisioning { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _healthy = await FakeHealthService.ReportingAsync(200, FakeHealthService.Report("Healthy", ("self", "Healthy", null)));
        Auth = await FakeAuthService.StartAsync(Sessions);
        Provisioning = await FakeProvisioningService.StartAsync(Sessions);

        _factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["services:auth:http:0"] = Auth.Address.ToString(),
            ["services:audit:http:0"] = _healthy.Address.ToString(),
            ["services:provisioning:http:0"] = Provisioning.Address.ToString(),
            ["services:advisor:http:0"] = ClosedPort.Address().ToString(),
            ["RabbitMqManagementOptions:Url"] = TestEnvironment.RabbitMqManagementUri.ToString(),
            ["OperationsOptions:RefreshInterval"] = "00:00:02",
            ["LiveUpdatesOptions:InitialReconnectDelay"] = "00:00:00.200",
            ["LiveUpdatesOptions:PollInterval"] = "00:00:01",
        });
        BaseAddress = _factory.Start();
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Gives the page's browser context the session cookie of a new user with this role (own agency).</summary>
    public async Task<FakeSession> SignInAsync(IPage page, string role, string connectionState = "Connected")
    {
        var session = Sessions.Add(role, connectionState);
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

        foreach (var fake in new IAsyncDisposable?[] { _healthy, Auth, Provisioning })
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }
        }
    }
}
