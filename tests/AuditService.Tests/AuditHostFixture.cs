namespace Provisioner.AuditService.Tests;

/// <summary>
/// One service host (and database) per test class: starting one costs seconds on a busy machine. Tests of a class
/// stay independent by each using agencies of their own.
/// </summary>
public sealed class AuditHostFixture : IAsyncLifetime
{
    private AuditHost? host;

    internal AuditHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => host = await AuditHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
