using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// GhlSandbox, AuthService and ProvisioningService as real processes on loopback, against the test PostgreSQL (a
/// database per service) and RabbitMQ (a virtual host of this world's own). Both seeded agencies are connected through
/// AuthService's real OAuth flow, and ProvisioningService gets its GHL tokens from AuthService's internal API, as in
/// production. ProvisioningService can be killed (SIGKILL) and started again on the same port and database.
/// </summary>
internal sealed class CrashWorld : IAsyncDisposable
{
    // A hang guard, not a figure: 60 s was too short for AuthService's first start at a load average of about 150
    // (2026-11-24); the other worlds wait 240-600 s.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    private readonly string _internalKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private readonly int _provisioningPort = LoopbackPorts.Reserve();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly int _maxConcurrentJobsPerAgency;
    private TestDatabase? _authDb;
    private TestDatabase? _provisioningDb;
    private TestVirtualHost? _broker;
    private ServiceProcess? _sandbox;
    private ServiceProcess? _auth;
    private ServiceProcess? _provisioning;

    private CrashWorld(int maxConcurrentJobsPerAgency) => _maxConcurrentJobsPerAgency = maxConcurrentJobsPerAgency;

    public ServiceProcess Provisioning => _provisioning ?? throw new InvalidOperationException("ProvisioningService is not running.");

    public Uri ProvisioningUrl => new($"http://127.0.0.1:{_provisioningPort}");

    public string ProvisioningConnectionString => (_provisioningDb ?? throw new InvalidOperationException("No database yet.")).ConnectionString;

    /// <summary>Starts everything and connects both agencies; <paramref name="snapshotLoad"/> is the sandbox's load time.</summary>
    public static async Task<CrashWorld> StartAsync(TimeSpan snapshotLoad, int maxConcurrentJobsPerAgency)
    {
        var world = new CrashWorld(maxConcurrentJobsPerAgency);
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
        _authDb = await TestDatabase.CreateAsync("relauth");
        _provisioningDb = await TestDatabase.CreateAsync("relprov");
        _broker = await TestVirtualHost.CreateAsync("reliability");

        _sandbox = ServiceProcess.Start("GhlSandbox", LoopbackPorts.Reserve(), new Dictionary<string, string>
        {
            ["GhlSandbox__AutoApprove"] = "true",
            ["GhlSandbox__SnapshotLoadDuration"] = snapshotLoad.ToString("c"),
        });
        var ghl = _sandbox.Url.ToString().TrimEnd('/');

        _auth = ServiceProcess.Start("AuthService", LoopbackPorts.Reserve(), new Dictionary<string, string>
        {
            ["ConnectionStrings__authdb"] = _authDb.ConnectionString,
            ["ConnectionStrings__rabbitmq"] = _broker.AmqpUri.ToString(),
            ["ConnectionStrings__ghl"] = ghl,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlClientOptions__AuthorizeUrl"] = ghl + "/oauth/chooselocation",
            ["SessionCookieOptions__SecureCookies"] = "false",
            ["TokenRefreshOptions__ScanInterval"] = "12:00:00",
            ["InternalApiOptions__Keys__0"] = _internalKey,

            // A vault key of this run only (the development key file is not used outside Development).
            ["TokenVaultOptions__Keys__rel"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["TokenVaultOptions__ActiveKeyId"] = "rel",
        });

        await _sandbox.WaitHealthyAsync(StartTimeout);
        await _auth.WaitHealthyAsync(StartTimeout);
        await ConnectAsync(SandboxSeed.NorthStar);
        await ConnectAsync(SandboxSeed.Peak);
        await StartProvisioningAsync();
    }

    /// <summary>Starts ProvisioningService (again) on its port and database and waits until it is healthy.</summary>
    public async Task StartProvisioningAsync()
    {
        if (_provisioning is not null)
        {
            await _provisioning.DisposeAsync();
        }

        _provisioning = ServiceProcess.Start("ProvisioningService", _provisioningPort, new Dictionary<string, string>
        {
            ["ConnectionStrings__provisioningdb"] = ProvisioningConnectionString,
            ["ConnectionStrings__rabbitmq"] = _broker!.AmqpUri.ToString(),
            ["ConnectionStrings__ghl"] = _sandbox!.Url.ToString().TrimEnd('/'),
            ["ServiceAuthOptions__SigningKeyPem"] = TestTokens.PublicKeyPem,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlClientOptions__RetryBaseDelay"] = "00:00:00.050",
            ["GhlTokenProviderOptions__BaseAddress"] = _auth!.Url.ToString(),
            ["GhlTokenProviderOptions__InternalKey"] = _internalKey,
            ["StepOptions__SnapshotPollInterval"] = "00:00:00.250",
            ["JobRunOptions__MaxConcurrentJobsPerAgency"] = _maxConcurrentJobsPerAgency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["JobRunOptions__RetryBaseDelay"] = "00:00:00.200",
            ["JobRunOptions__RetryMaxDelay"] = "00:00:02",
            ["JobRunOptions__MaxAttempts"] = "8",
        });
        await _provisioning.WaitHealthyAsync(StartTimeout);
    }

    /// <summary>An API client of ProvisioningService acting as an operator of <paramref name="agency"/>.</summary>
    public HttpRequestMessage ApiRequest(HttpMethod method, string path, string agency, string role = "operator")
    {
        var request = new HttpRequestMessage(method, new Uri(ProvisioningUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _http.SendAsync(request);

    public async Task<SandboxState> SandboxStateAsync() =>
        await _http.GetFromJsonAsync<SandboxState>(new Uri(_sandbox!.Url, "/_sandbox/state"))
        ?? throw new InvalidOperationException("Empty sandbox state.");

    public async Task<NpgsqlConnection> OpenProvisioningDbAsync()
    {
        var connection = new NpgsqlConnection(ProvisioningConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Connects the agency as a person would (<see cref="AgencyConnection"/>), then checks that the internal token API
    /// hands out its token: what ProvisioningService will ask for.
    /// </summary>
    private async Task ConnectAsync(string companyId)
    {
        await AgencyConnection.ConnectAsync(_auth!.Url, _sandbox!.Url, companyId);

        using var token = new HttpRequestMessage(HttpMethod.Post, new Uri(_auth.Url, "/internal/ghl/token"))
        {
            Content = JsonContent.Create(new { agencyId = companyId, locationId = (string?)null }),
        };
        token.Headers.Add("X-Internal-Key", _internalKey);
        using var answer = await _http.SendAsync(token);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _provisioning, _auth, _sandbox })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        _http.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        foreach (var database in new[] { _provisioningDb, _authDb })
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }
}

/// <summary>The parts of GhlSandbox's <c>GET /_sandbox/state</c> the assertions read.</summary>
internal sealed record SandboxState(
    IReadOnlyList<SandboxLocation> Locations, IReadOnlyList<SandboxCustomValue> CustomValues, IReadOnlyList<SandboxUser> Users);

internal sealed record SandboxLocation(string Id, string CompanyId, string Name, string? Email, string? SnapshotId);

internal sealed record SandboxCustomValue(string Id, string LocationId, string Name, string Value);

internal sealed record SandboxUser(string Id, string CompanyId, string Email, IReadOnlyList<string> LocationIds, bool Deleted);
