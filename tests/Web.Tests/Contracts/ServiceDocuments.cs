extern alias auditservice;
extern alias authservice;
extern alias provisioningservice;
extern alias snapshotadvisor;

using Provisioner.ServiceDefaults;
using Provisioner.TestSupport;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>
/// The OpenAPI document of each service the portal calls, by its discovery name, each service started once per test
/// class on first use (a start costs seconds on a busy machine) and stopped with the fixture.
/// </summary>
public sealed class ServiceDocuments : IAsyncLifetime
{
    /// <summary>Never dialled: the hosts run no background work, and no test request reaches a handler that connects.</summary>
    private const string NoDatabase = "Host=127.0.0.1;Port=9;Database=unused;Username=unused;Password=unused";
    private const string NoBroker = "amqp://unused:unused@127.0.0.1:9/";
    private const string NoGhl = "http://127.0.0.1:9/";
    private const string GhlClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    private const string InternalKey = "contract-tests-internal-key-0123456789abcdef";

    private readonly List<IAsyncDisposable> hosts = [];
    private readonly Dictionary<string, Lazy<Task<ServiceDocument>>> documents;

    public ServiceDocuments()
    {
        documents = new(StringComparer.Ordinal)
        {
            [ResourceNames.Auth] = Load(new ServiceDocumentHost<authservice::Program>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:authdb"] = NoDatabase,
                ["ConnectionStrings:rabbitmq"] = NoBroker,
                ["ConnectionStrings:ghl"] = NoGhl,
                ["GhlClientOptions:ClientId"] = GhlClientId,
                ["GhlClientOptions:ClientSecret"] = "contract-tests-secret",
                ["SessionCookieOptions:SecureCookies"] = "false",
                ["InternalApiOptions:Keys:0"] = InternalKey,
                ["TokenVaultOptions:Keys:k1"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                ["TokenVaultOptions:ActiveKeyId"] = "k1",
            })),
            [ResourceNames.Provisioning] = Load(new ServiceDocumentHost<provisioningservice::Program>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:provisioningdb"] = NoDatabase,
                ["ConnectionStrings:rabbitmq"] = NoBroker,
                ["ConnectionStrings:ghl"] = NoGhl,
                ["ServiceAuthOptions:SigningKeyPem"] = TestTokens.PublicKeyPem,
                ["GhlClientOptions:ClientId"] = GhlClientId,
                ["GhlClientOptions:ClientSecret"] = "contract-tests-secret",
                ["GhlTokenProviderOptions:InternalKey"] = InternalKey,
                ["GhlTokenProviderOptions:BaseAddress"] = NoGhl,
            })),
            [ResourceNames.Advisor] = Load(new ServiceDocumentHost<snapshotadvisor::Program>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:advisordb"] = NoDatabase,
                ["ConnectionStrings:rabbitmq"] = NoBroker,
                ["ConnectionStrings:ghl"] = NoGhl,
                ["ServiceAuthOptions:SigningKeyPem"] = TestTokens.PublicKeyPem,
                ["GhlClientOptions:ClientId"] = GhlClientId,
                ["GhlClientOptions:ClientSecret"] = "contract-tests-secret",
                ["GhlTokenProviderOptions:InternalKey"] = InternalKey,
                ["SnapshotSyncOptions:Enabled"] = "false",
            })),
            [ResourceNames.Audit] = Load(new ServiceDocumentHost<auditservice::Program>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:auditdb"] = NoDatabase,
                ["ConnectionStrings:rabbitmq"] = NoBroker,
                ["ServiceAuthOptions:SigningKeyPem"] = TestTokens.PublicKeyPem,
            })),
        };
    }

    public IReadOnlyCollection<string> Services => documents.Keys;

    internal Task<ServiceDocument> GetAsync(string service) =>
        documents.TryGetValue(service, out var document)
            ? document.Value
            : throw new ArgumentException($"No contract host for service '{service}': add it to {nameof(ServiceDocuments)}.", nameof(service));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    private Lazy<Task<ServiceDocument>> Load<T>(ServiceDocumentHost<T> host) where T : class
    {
        hosts.Add(host);
        return new Lazy<Task<ServiceDocument>>(host.GetDocumentAsync);
    }
}
