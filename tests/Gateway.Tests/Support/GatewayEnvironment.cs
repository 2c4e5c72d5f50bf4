using Microsoft.Extensions.DependencyInjection;
using Provisioner.ServiceDefaults;

namespace Provisioner.Gateway.Tests.Support;

/// <summary>
/// One fake backend per service behind the gateway, and the gateway pointed at them through Aspire's
/// service-discovery settings (services:&lt;name&gt;:http:0).
/// </summary>
public sealed class GatewayEnvironment : IAsyncDisposable
{
    private readonly Dictionary<string, FakeBackend> backends;
    private readonly GatewayFactory gateway;

    private GatewayEnvironment(Dictionary<string, FakeBackend> backends, GatewayFactory gateway, Uri address)
    {
        this.backends = backends;
        this.gateway = gateway;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => gateway.Services;

    public IEnumerable<FakeBackend> Backends => backends.Values;

    public static async Task<GatewayEnvironment> StartAsync(
        IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IServiceCollection>? services = null)
    {
        var started = await Task.WhenAll(ResourceNames.BackendServices.Select(FakeBackend.StartAsync));
        var backends = started.ToDictionary(b => b.Name);
        var settings = new Dictionary<string, string?>
        {
            ["GatewayOptions:RateLimitPermits"] = "100000",
        };
        foreach (var backend in started)
        {
            settings[$"services:{backend.Name}:http:0"] = backend.Address.ToString();
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var gateway = new GatewayFactory(settings, services);
        return new GatewayEnvironment(backends, gateway, gateway.StartOnKestrel());
    }

    public FakeBackend Backend(string name) => backends[name];

    /// <summary>
    /// A client of its own: a fresh API key puts it in a rate-limit partition no other test shares. The fake
    /// AuthService accepts any key the test has not revoked.
    /// </summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey ?? NewApiKey());
        return client;
    }

    public static string NewApiKey() => $"pvk_{Guid.NewGuid():N}";

    /// <summary>A client sending no credentials, limited by its remote IP.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        foreach (var backend in backends.Values)
        {
            await backend.DisposeAsync();
        }
    }
}
