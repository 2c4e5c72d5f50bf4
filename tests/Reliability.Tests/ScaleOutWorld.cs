using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// GhlSandbox plus N instances each of AuthService, ProvisioningService and (optionally) AuditService as real processes
/// on loopback: separate processes on distinct ports sharing one database per service, one RabbitMQ virtual host and,
/// with <see cref="ScaleOutWorldOptions.SharedRateBudget"/>, one GHL rate budget database. Both seeded agencies are
/// connected through AuthService's OAuth flow (<see cref="AgencyConnection"/>). ProvisioningService instance i gets its
/// GHL tokens from AuthService instance i. Any instance can be SIGKILLed and started again on its port.
/// </summary>
internal sealed partial class ScaleOutWorld : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(600);

    private readonly ScaleOutWorldOptions _options;
    private readonly string _internalKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private readonly string _vaultKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private readonly List<TestDatabase> _databases = [];
    private readonly Dictionary<(string Project, int Index), ServiceProcess> _services = [];
    private readonly Dictionary<(string Project, int Index), int> _ports = [];
    private TestVirtualHost? _broker;
    private ServiceProcess? _sandbox;
    private string _authDb = "";
    private string _auditDb = "";
    private string _rateBudgetDb = "";

    private ScaleOutWorld(ScaleOutWorldOptions options) => _options = options;

    public ScaleOutWorldOptions Options => _options;

    public string ProvisioningConnectionString { get; private set; } = "";

    public string AuditConnectionString => _auditDb;

    public Uri SandboxUrl => (_sandbox ?? throw new InvalidOperationException("Not started.")).Url;

    /// <summary>Wall time from the first process start to every service healthy and both agencies connected.</summary>
    public TimeSpan StartedIn { get; private set; }

    public ServiceProcess Service(string project, int index) => _services[(project, index)];

    public IEnumerable<ServiceProcess> Services => _services.Values;

    public static async Task<ScaleOutWorld> StartAsync(ScaleOutWorldOptions options)
    {
        var world = new ScaleOutWorld(options);
        try
        {
            await world.InitializeAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _authDb = await CreateDatabaseAsync("sxauth");
        ProvisioningConnectionString = await CreateDatabaseAsync("sxprov");
        if (_options.WithAudit)
        {
            _auditDb = await CreateDatabaseAsync("sxaudit");
        }

        if (_options.SharedRateBudget)
        {
            _rateBudgetDb = await CreateDatabaseAsync("sxrate");
        }

        _broker = await TestVirtualHost.CreateAsync("scaleout");

        var sandbox = new Dictionary<string, string>
        {
            ["GhlSandbox__AutoApprove"] = "true",
            ["GhlSandbox__SnapshotLoadDuration"] = _options.SnapshotLoad.ToString("c"),
            ["GhlSandbox__JournalCapacity"] = "200000",
            ["GhlSandbox__RateLimit__BurstLimit"] = Invariant(_options.BurstLimit),
            ["GhlSandbox__RateLimit__BurstWindow"] = _options.BurstWindow.ToString("c"),
        };
        if (_options.AccessTokenLifetime is { } lifetime)
        {
            sandbox["GhlSandbox__AccessTokenLifetime"] = lifetime.ToString("c");
        }

        _sandbox = ServiceProcess.Start("GhlSandbox", LoopbackPorts.Reserve(), sandbox);

        // Instance 0 of each service first, the others once it is healthy, as a rolling deployment does. Starting them
        // together was tried on 2026-11-24 now that Messaging's DatabaseMigrator serialises migrations under a
        // PostgreSQL advisory lock: at a load average of about 60 the waiting AuthService instance's
        // `SELECT pg_advisory_lock` ran into the 30 s command timeout (37.7 s) while the first instance migrated the
        // empty database, and it exited 134 ("Timeout during reading attempt"). The lock wait must not be bounded by
        // the command timeout (see RELIABILITY.md section 5); until it is, the instances are staggered.
        var projects = _options.WithAudit ? new[] { "AuthService", "AuditService" } : ["AuthService"];
        foreach (var project in projects)
        {
            Start(project, 0);
        }

        await _sandbox.WaitHealthyAsync(StartTimeout);
        await Task.WhenAll(projects.Select(p => Service(p, 0).WaitHealthyAsync(StartTimeout)));
        await AgencyConnection.ConnectAsync(Service("AuthService", 0).Url, SandboxUrl, SandboxSeed.NorthStar);
        await AgencyConnection.ConnectAsync(Service("AuthService", 0).Url, SandboxUrl, SandboxSeed.Peak);

        var later = new List<ServiceProcess> { Start("ProvisioningService", 0) };
        for (var i = 1; i < _options.Instances; i++)
        {
            later.AddRange(projects.Select(p => Start(p, i)));
        }

        await Task.WhenAll(later.Select(s => s.WaitHealthyAsync(StartTimeout)));
        if (_options.Instances > 1)
        {
            var more = Enumerable.Range(1, _options.Instances - 1).Select(i => Start("ProvisioningService", i)).ToList();
            await Task.WhenAll(more.Select(s => s.WaitHealthyAsync(StartTimeout)));
        }

        StartedIn = clock.Elapsed;
    }

    /// <summary>SIGKILLs an instance; returns its exit code (137).</summary>
    public async Task<int> KillAsync(string project, int index) => await Service(project, index).KillAsync();

    /// <summary>Starts a killed instance again on its port and waits until it is healthy.</summary>
    public async Task RestartAsync(string project, int index)
    {
        await Service(project, index).DisposeAsync();
        await Start(project, index).WaitHealthyAsync(StartTimeout);
    }

    /// <summary>A request to ProvisioningService instance <paramref name="instance"/> as an operator of <paramref name="agency"/>.</summary>
    public HttpRequestMessage ApiRequest(int instance, HttpMethod method, string path, string agency, string role = "operator")
    {
        var request = new HttpRequestMessage(method, new Uri(Service("ProvisioningService", instance).Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _http.SendAsync(request);

    public async Task<NpgsqlConnection> OpenProvisioningDbAsync() => await OpenAsync(ProvisioningConnectionString);

    public async Task<NpgsqlConnection> OpenAuditDbAsync() => await OpenAsync(_auditDb);

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<string> CreateDatabaseAsync(string prefix)
    {
        var database = await TestDatabase.CreateAsync(prefix);
        _databases.Add(database);
        return database.ConnectionString;
    }

    private ServiceProcess Start(string project, int index)
    {
        if (!_ports.TryGetValue((project, index), out var port))
        {
            port = _ports[(project, index)] = LoopbackPorts.Reserve();
        }

        var process = ServiceProcess.Start(project, port, Environment(project, index));
        _services[(project, index)] = process;
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _services.Values)
        {
            await process.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        _http.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
