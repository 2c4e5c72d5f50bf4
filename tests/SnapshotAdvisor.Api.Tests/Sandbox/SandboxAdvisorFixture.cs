using Provisioner.SnapshotAdvisor.Api.Tests.Support;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Sandbox;

/// <summary>
/// One GhlSandbox and one SnapshotAdvisor reading it (with real sandbox tokens) per test class. Tests stay independent
/// by creating agencies of their own in the sandbox.
/// </summary>
public sealed class SandboxAdvisorFixture : IAsyncLifetime
{
    private SandboxGhl? _sandbox;
    private SandboxGhlTokens? _tokens;
    private AdvisorHost? _host;

    internal SandboxGhl Sandbox => _sandbox ?? throw new InvalidOperationException("The fixture has not started.");

    internal SandboxGhlTokens Tokens => _tokens ?? throw new InvalidOperationException("The fixture has not started.");

    internal AdvisorHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _sandbox = new SandboxGhl().Start();
        _tokens = new SandboxGhlTokens(_sandbox.BaseUrl);
        _host = await AdvisorHost.StartAsync(ghl: new GhlStandIn(_sandbox.BaseUrl, _tokens));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _tokens?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
