using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Provisioner.GhlClient.TokenProviders;

namespace Provisioner.GhlClient.Tests.TokenProviders;

/// <summary>A host registered as a service does it (<c>AddGhlTokensFromAuthService</c>) with AuthService faked.</summary>
internal sealed class TokenProviderHost : IAsyncDisposable
{
    public const string InternalKey = "svc-internal-key-0123456789abcdefghijklmnop";

    private TokenProviderHost(IHost host, FakeTimeProvider clock, FakeAuthService auth)
    {
        Host = host;
        Clock = clock;
        Auth = auth;
    }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public FakeAuthService Auth { get; }

    public IGhlTokenProvider Provider => Host.Services.GetRequiredService<IGhlTokenProvider>();

    public static TokenProviderHost Create(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? before = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var config = new Dictionary<string, string?>
        {
            ["GhlTokenProviderOptions:InternalKey"] = InternalKey,
            ["GhlTokenProviderOptions:BaseAddress"] = "http://auth.test",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var auth = new FakeAuthService(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        before?.Invoke(builder.Services);
        builder.AddGhlTokensFromAuthService();
        builder.Services.AddHttpClient<AuthServiceGhlTokenProvider>().ConfigurePrimaryHttpMessageHandler(() => auth);
        return new TokenProviderHost(builder.Build(), clock, auth);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }
    }
}
