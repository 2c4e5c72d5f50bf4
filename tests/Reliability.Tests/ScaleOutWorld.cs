using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Web;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>What a <see cref="ScaleOutWorld"/> runs: how many instances of each service, and GHL's limits.</summary>
internal sealed record ScaleOutWorldOptions
{
    /// <summary>Instances of ProvisioningService, AuthService and (with <see cref="WithAudit"/>) AuditService.</summary>
    public int Instances { get; init; } = 1;

    public bool WithAudit { get; init; }

    public TimeSpan SnapshotLoad { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The sandbox's access token lifetime; short makes tokens expire during the run.</summary>
    public TimeSpan? AccessTokenLifetime { get; init; }

    /// <summary>GHL's burst limit per resource, told to the sandbox and to every GhlClient alike.</summary>
    public int BurstLimit { get; init; } = 20;

    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>GhlClientOptions:RateBudget=Postgres</c> with one shared <c>ghlratebudget</c> database.</summary>
    public bool SharedRateBudget { get; init; }

    public int MaxConcurrentJobsPerAgency { get; init; } = 2;
}

/// <summary>
/// GhlSandbox plus N instances each of AuthService, ProvisioningService and (optionally) AuditService as real processes
/// on loopback: separate processes on distinct ports sharing one database per service, one RabbitMQ virtual host and,
/// with <see cref="ScaleOutWorldOptions.SharedRateBudget"/>, one GHL rate budget database. Both seeded agencies are
/// connected through AuthService's OAuth flow as in <see cref="CrashWorld"/>. ProvisioningService instance i gets its
/// GHL tokens from AuthService instance i. Any instance can be SIGKILLed and started again on its port.
/// </summary>
internal sealed class ScaleOutWorld : IAsyncDisposable
{
    private const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    private const string ClientSecret = "sandbox-client-secret";
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

        _sandbox = ServiceProcess.Start("GhlSandbox", ServiceProcess.FreePort(), sandbox);

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
        await ConnectAsync(CrashWorld.NorthStar);
        await ConnectAsync(CrashWorld.Peak);

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

    public async Task<SandboxState> SandboxStateAsync() =>
        await _http.GetFromJsonAsync<SandboxState>(new Uri(SandboxUrl, "/_sandbox/state"))
        ?? throw new InvalidOperationException("Empty sandbox state.");

    /// <summary>The sandbox's request journal entries after <paramref name="after"/> (all pages).</summary>
    public async Task<IReadOnlyList<SandboxJournalEntry>> JournalAsync(long after = 0)
    {
        var entries = new List<SandboxJournalEntry>();
        while (true)
        {
            var page = await _http.GetFromJsonAsync<List<SandboxJournalEntry>>(
                new Uri(SandboxUrl, $"/_sandbox/journal?after={after}&limit=5000")) ?? [];
            entries.AddRange(page);
            if (page.Count == 0 || page.Count < 5000)
            {
                return entries;
            }

            after = page.Max(e => e.Sequence);
        }
    }

    /// <summary>Replaces the sandbox's fault rules by <paramref name="rules"/>, in order (the first match wins).</summary>
    public async Task SetFaultsAsync(IEnumerable<object> rules)
    {
        using (var clear = await _http.DeleteAsync(new Uri(SandboxUrl, "/_sandbox/faults")))
        {
            clear.EnsureSuccessStatusCode();
        }

        foreach (var rule in rules)
        {
            using var added = await _http.PostAsJsonAsync(new Uri(SandboxUrl, "/_sandbox/faults"), rule);
            Assert.True(added.IsSuccessStatusCode, $"fault rule refused: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Revokes every token (access and refresh, agency and location) of a company in the sandbox.</summary>
    public async Task<int> RevokeTokensAsync(string companyId)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(SandboxUrl, "/_sandbox/faults/revoke-tokens"), new { resourceId = companyId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RevokeAnswer>())!.Revoked;
    }

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
            port = _ports[(project, index)] = ServiceProcess.FreePort();
        }

        var process = ServiceProcess.Start(project, port, Environment(project, index));
        _services[(project, index)] = process;
        return process;
    }

    private Dictionary<string, string> Environment(string project, int index)
    {
        var ghl = SandboxUrl.ToString().TrimEnd('/');
        var rabbitMq = _broker!.AmqpUri.ToString();
        var ghlClient = new Dictionary<string, string>
        {
            ["ConnectionStrings__ghl"] = ghl,
            ["GhlClientOptions__ClientId"] = ClientId,
            ["GhlClientOptions__ClientSecret"] = ClientSecret,
            ["GhlClientOptions__BurstLimit"] = Invariant(_options.BurstLimit),
            ["GhlClientOptions__BurstWindow"] = _options.BurstWindow.ToString("c"),
        };
        if (_options.SharedRateBudget)
        {
            ghlClient["GhlClientOptions__RateBudget"] = "Postgres";
            ghlClient["ConnectionStrings__ghlratebudget"] = _rateBudgetDb;
        }

        return project switch
        {
            "AuthService" => new Dictionary<string, string>(ghlClient)
            {
                ["ConnectionStrings__authdb"] = _authDb,
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["GhlClientOptions__AuthorizeUrl"] = ghl + "/oauth/chooselocation",
                ["SessionCookieOptions__SecureCookies"] = "false",

                // With short-lived access tokens the margin must be shorter than their life, or every read refreshes.
                ["TokenRefreshOptions__Margin"] = _options.AccessTokenLifetime is null ? "00:30:00" : "00:00:10",
                ["TokenRefreshOptions__ScanInterval"] = _options.AccessTokenLifetime is null ? "12:00:00" : "00:00:05",
                ["InternalApiOptions__Keys__0"] = _internalKey,
                ["TokenVaultOptions__Keys__rel"] = _vaultKey,
                ["TokenVaultOptions__ActiveKeyId"] = "rel",
            },
            "AuditService" => new Dictionary<string, string>
            {
                ["ConnectionStrings__auditdb"] = _auditDb,
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
            },
            "ProvisioningService" => new Dictionary<string, string>(ghlClient)
            {
                ["ConnectionStrings__provisioningdb"] = ProvisioningConnectionString,
                ["ConnectionStrings__rabbitmq"] = rabbitMq,
                ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
                ["GhlClientOptions__RetryBaseDelay"] = "00:00:00.050",
                ["GhlTokenProviderOptions__BaseAddress"] = Service("AuthService", index).Url.ToString(),
                ["GhlTokenProviderOptions__InternalKey"] = _internalKey,

                // Use a cached token to its very end, so requests meet GHL's "Invalid JWT" when it expires.
                ["GhlTokenProviderOptions__RenewBefore"] = _options.AccessTokenLifetime is null ? "00:01:00" : "00:00:00",
                ["StepOptions__SnapshotPollInterval"] = "00:00:00.250",
                ["JobRunOptions__MaxConcurrentJobsPerAgency"] = Invariant(_options.MaxConcurrentJobsPerAgency),
                ["JobRunOptions__RetryBaseDelay"] = "00:00:00.200",
                ["JobRunOptions__RetryMaxDelay"] = "00:00:02",
                ["JobRunOptions__MaxAttempts"] = "8",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(project), project, "Not a service of this world."),
        };
    }

    /// <summary>/api/auth/connect → the sandbox's consent form → the callback, as <see cref="CrashWorld"/> does.</summary>
    private async Task ConnectAsync(string companyId)
    {
        var auth = Service("AuthService", 0);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });
        using var start = await browser.GetAsync(new Uri(auth.Url, "/api/auth/connect"));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var consent = HttpUtility.ParseQueryString(start.Headers.Location!.Query);
        using var decision = await browser.PostAsync(new Uri(SandboxUrl, "/oauth/chooselocation"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = consent["client_id"]!,
            ["redirect_uri"] = consent["redirect_uri"]!,
            ["scope"] = consent["scope"]!,
            ["state"] = consent["state"]!,
            ["decision"] = "approve",
            ["companyId"] = companyId,
        }));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        using var callback = await browser.GetAsync(new Uri(auth.Url, "/api/auth/callback" + decision.Headers.Location!.Query));
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"callback for {companyId}: {(int)callback.StatusCode}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

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

    private sealed record RevokeAnswer(int Revoked);
}

/// <summary>One entry of GhlSandbox's <c>GET /_sandbox/journal</c> (no bodies, tokens or secrets).</summary>
internal sealed record SandboxJournalEntry(
    long Sequence, DateTimeOffset Time, string Method, string Path, int Status, double DurationMs,
    string? TokenType, string? CompanyId, string? LocationId, string? Fault);
