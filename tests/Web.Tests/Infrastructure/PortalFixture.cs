using Provisioner.TestSupport;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// The portal the browser tests drive, wired to fake backends: <c>auth</c> and <c>audit</c> report healthy,
/// <c>provisioning</c> reports its database unhealthy (HTTP 503), <c>advisor</c> does not listen at all. Queues come
/// from the real test broker's management API.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string FailingEntry = "database";
    public const string FailingDescription = "connection refused";

    private FakeHealthService? _healthy;
    private FakeHealthService? _unhealthy;
    private PortalFactory? _factory;

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _healthy = await FakeHealthService.ReportingAsync(200, FakeHealthService.Report("Healthy", ("self", "Healthy", null)));
        _unhealthy = await FakeHealthService.ReportingAsync(503, FakeHealthService.Report(
            "Unhealthy", ("self", "Healthy", null), (FailingEntry, "Unhealthy", FailingDescription)));

        _factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["services:auth:http:0"] = _healthy.Address.ToString(),
            ["services:audit:http:0"] = _healthy.Address.ToString(),
            ["services:provisioning:http:0"] = _unhealthy.Address.ToString(),
            ["services:advisor:http:0"] = ClosedPort.Address().ToString(),
            ["RabbitMqManagementOptions:Url"] = TestEnvironment.RabbitMqManagementUri.ToString(),
            ["OperationsOptions:RefreshInterval"] = "00:00:02",
        });
        BaseAddress = _factory.Start();
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_healthy is not null)
        {
            await _healthy.DisposeAsync();
        }

        if (_unhealthy is not null)
        {
            await _unhealthy.DisposeAsync();
        }
    }
}
