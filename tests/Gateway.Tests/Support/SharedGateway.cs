namespace Provisioner.Gateway.Tests.Support;

/// <summary>A gateway environment shared by the tests of one class (each test uses its own client key and ids).</summary>
public sealed class SharedGateway : IAsyncLifetime
{
    private GatewayEnvironment? environment;

    public GatewayEnvironment Environment =>
        environment ?? throw new InvalidOperationException("The shared gateway has not started.");

    public async Task InitializeAsync() => environment = await GatewayEnvironment.StartAsync();

    public async Task DisposeAsync()
    {
        if (environment is not null)
        {
            await environment.DisposeAsync();
        }
    }
}
