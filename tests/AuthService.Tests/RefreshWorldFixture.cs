namespace Provisioner.AuthService.Tests;

/// <summary>
/// A shared world whose background refresh scans every second. The refresh tests tolerate it by design: the
/// background service is one more concurrent caller, and single flight still allows exactly one GHL refresh.
/// </summary>
public sealed class RefreshWorldFixture : IAsyncLifetime
{
    public TestAgency World { get; private set; } = null!;

    public async Task InitializeAsync() =>
        World = await TestAgency.StartAsync(new Dictionary<string, string> { ["TokenRefreshOptions:ScanInterval"] = "00:00:01" });

    public async Task DisposeAsync() => await World.DisposeAsync();
}
