namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>
/// One host (and database) per test class: starting one costs seconds on a busy machine. Tests of a class stay
/// independent by each using agencies (and business names) of their own.
/// </summary>
public class AdvisorHostFixture : IAsyncLifetime
{
    private AdvisorHost? _host;

    internal AdvisorHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _host = await AdvisorHost.StartAsync(CreateChat(), tokensFromAuthService: TokensFromAuthService);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private protected virtual ScriptedChat? CreateChat() => null;

    private protected virtual bool TokensFromAuthService => false;
}

/// <summary>A host whose chat model is a <see cref="ScriptedChat"/>.</summary>
public sealed class ModelHostFixture : AdvisorHostFixture
{
    internal ScriptedChat Chat { get; } = new();

    private protected override ScriptedChat? CreateChat() => Chat;
}

/// <summary>A host with the service's own GHL token provider, AuthService's internal API played by the WireMock.</summary>
public sealed class AuthServiceTokensFixture : AdvisorHostFixture
{
    private protected override bool TokensFromAuthService => true;
}
