using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// GhlSandbox, AuthService, ProvisioningService and AuditService as real processes on loopback, against a PostgreSQL
/// and a RabbitMQ of this world's own (<see cref="OwnInfrastructure"/>), which the outage scenarios stop and start.
/// Both seeded agencies are connected through AuthService's real OAuth flow (<see cref="AgencyConnection"/>). The
/// processes are never restarted: recovering on their own is what the scenarios measure.
/// </summary>
internal sealed class OwnInfrastructureWorld : IAsyncDisposable
{
    // A .NET service took 25–60 s to be healthy on the loaded 2-core machine (RELIABILITY.md); four start at once here.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    private readonly string _internalKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    // Generous: the first request of a freshly started service (JIT, EF model) took over 30 s at a load average of 100+.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private readonly List<ServiceProcess> _processes = [];
    private OwnInfrastructure? _infrastructure;
    private ServiceProcess? _sandbox;
    private ServiceProcess? _auth;
    private ServiceProcess? _provisioning;
    private ServiceProcess? _audit;

    public OwnInfrastructure Infrastructure => _infrastructure ?? throw new InvalidOperationException("Not started.");

    public ServiceProcess Provisioning => _provisioning ?? throw new InvalidOperationException("Not started.");

    public ServiceProcess Audit => _audit ?? throw new InvalidOperationException("Not started.");

    public ServiceProcess Auth => _auth ?? throw new InvalidOperationException("Not started.");

    /// <summary>The three services whose <c>/health</c> the scenarios watch (the sandbox plays GHL, not us).</summary>
    public IReadOnlyList<ServiceProcess> Services => [Auth, Provisioning, Audit];

    public string ProvisioningConnectionString { get; private set; } = "";

    public string AuditConnectionString { get; private set; } = "";

    public string AuthConnectionString { get; private set; } = "";

    /// <summary>Wall time from the servers' start to four healthy services with both agencies connected.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>Wall time of <c>services.sh start</c> (initdb, PostgreSQL, RabbitMQ).</summary>
    public TimeSpan ServersStartedIn { get; private set; }

    public static async Task<OwnInfrastructureWorld> StartAsync(TimeSpan snapshotLoad)
    {
        var world = new OwnInfrastructureWorld();
        try
        {
            await world.InitializeAsync(snapshotLoad);
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(TimeSpan snapshotLoad)
    {
        var clock = Stopwatch.StartNew();
        _infrastructure = await OwnInfrastructure.StartAsync();
        ServersStartedIn = clock.Elapsed;
        AuthConnectionString = await _infrastructure.CreateDatabaseAsync("outauth");
        ProvisioningConnectionString = await _infrastructure.CreateDatabaseAsync("outprov");
        AuditConnectionString = await _infrastructure.CreateDatabaseAsync("outaudit");
        var rabbitMq = _infrastructure.AmqpUri.ToString();

        _sandbox = Start("GhlSandbox", new Dictionary<string, string>
        {
            ["GhlSandbox__AutoApprove"] = "true",
            ["GhlSandbox__SnapshotLoadDuration"] = snapshotLoad.ToString("c"),
        });
        var ghl = _sandbox.Url.ToString().TrimEnd('/');

        _auth = Start("AuthService", new Dictionary<string, string>
        {
            ["ConnectionStrings__authdb"] = AuthConnectionString,
            ["ConnectionStrings__rabbitmq"] = rabbitMq,
            ["ConnectionStrings__ghl"] = ghl,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlClientOptions__AuthorizeUrl"] = ghl + "/oauth/chooselocation",
            ["SessionCookieOptions__SecureCookies"] = "false",
            ["TokenRefreshOptions__ScanInterval"] = "12:00:00",
            ["InternalApiOptions__Keys__0"] = _internalKey,
            ["TokenVaultOptions__Keys__rel"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["TokenVaultOptions__ActiveKeyId"] = "rel",
        });

        _audit = Start("AuditService", new Dictionary<string, string>
        {
            ["ConnectionStrings__auditdb"] = AuditConnectionString,
            ["ConnectionStrings__rabbitmq"] = rabbitMq,
            ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
        });

        _provisioning = Start("ProvisioningService", new Dictionary<string, string>
        {
            ["ConnectionStrings__provisioningdb"] = ProvisioningConnectionString,
            ["ConnectionStrings__rabbitmq"] = rabbitMq,
            ["ConnectionStrings__ghl"] = ghl,
            ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlClientOptions__RetryBaseDelay"] = "00:00:00.050",
            ["GhlTokenProviderOptions__BaseAddress"] = _auth.Url.ToString(),
            ["GhlTokenProviderOptions__InternalKey"] = _internalKey,
            ["StepOptions__SnapshotPollInterval"] = "00:00:00.250",
            ["JobRunOptions__RetryBaseDelay"] = "00:00:00.200",
            ["JobRunOptions__RetryMaxDelay"] = "00:00:02",
            ["JobRunOptions__MaxAttempts"] = "8",
        });
        // Nothing waits for anything else at start-up: all four start together, then the agencies are connected.
        foreach (var process in _processes)
        {
            await process.WaitHealthyAsync(StartTimeout);
        }

        await AgencyConnection.ConnectAsync(_auth.Url, _sandbox.Url, SandboxSeed.NorthStar);
        await AgencyConnection.ConnectAsync(_auth.Url, _sandbox.Url, SandboxSeed.Peak);
        StartedIn = clock.Elapsed;
    }

    /// <summary>A request to <paramref name="service"/> as a user of <paramref name="agency"/> with <paramref name="role"/>.</summary>
    public HttpRequestMessage ApiRequest(ServiceProcess service, HttpMethod method, string path, string agency, string role = "operator")
    {
        var request = new HttpRequestMessage(method, new Uri(service.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _http.SendAsync(request);

    public async Task<SandboxState> SandboxStateAsync() =>
        await _http.GetFromJsonAsync<SandboxState>(new Uri(_sandbox!.Url, "/_sandbox/state"))
        ?? throw new InvalidOperationException("Empty sandbox state.");

    /// <summary>A connection for the test's own queries, unpooled: a pooled one would be broken after a database restart.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Fails when a service process is gone: the scenarios require recovery without restarts.</summary>
    public void AssertNoServiceExited()
    {
        foreach (var service in _processes)
        {
            Assert.False(service.HasExited, $"{service.Project} exited during the scenario:\n{service.OutputTail}");
        }
    }

    private ServiceProcess Start(string project, Dictionary<string, string> environment)
    {
        var process = ServiceProcess.Start(project, LoopbackPorts.Reserve(), environment);
        _processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
