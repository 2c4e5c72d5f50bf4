using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>
/// The whole system behind its gateway as real processes on loopback: GhlSandbox (behind a <see cref="GhlTap"/>),
/// AuthService, ProvisioningService, AuditService, Web and Gateway, each service with its own database on the test
/// PostgreSQL and one RabbitMQ virtual host. Every line every process writes is kept, for the secrets scan.
/// </summary>
internal sealed class SecurityWorld : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _output = new();
    private readonly List<TestDatabase> _databases = [];
    private readonly List<ServiceProcess> _processes = [];
    private long _lastOutputAt = Environment.TickCount64;
    private TestVirtualHost? _broker;
    private GhlTap? _tap;

    private SecurityWorld()
    {
        Secrets.Add("GHL client secret", SandboxSeed.ClientSecret);
        Secrets.Add("internal API key", InternalKey);
        Secrets.Add("token vault key", VaultKey);
    }

    public SecretLedger Secrets { get; } = new();

    public string InternalKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public string VaultKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Uri Sandbox { get; private set; } = null!;

    public Uri Auth { get; private set; } = null!;

    public Uri Provisioning { get; private set; } = null!;

    public Uri Gateway { get; private set; } = null!;

    public IReadOnlyDictionary<string, TestDatabase> Databases { get; private set; } = new Dictionary<string, TestDatabase>();

    /// <summary>Every line each process wrote so far (stdout and stderr), by project.</summary>
    public IReadOnlyDictionary<string, string> Output =>
        _output.ToDictionary(p => p.Key, p => string.Join('\n', p.Value));

    public static async Task<SecurityWorld> StartAsync()
    {
        var world = new SecurityWorld();
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
        var databases = new Dictionary<string, TestDatabase>();
        foreach (var name in new[] { "authdb", "provisioningdb", "auditdb" })
        {
            databases[name] = await TestDatabase.CreateAsync("sec" + name[..^2]);
            _databases.Add(databases[name]);
        }

        Databases = databases;
        _broker = await TestVirtualHost.CreateAsync("security");
        var rabbit = _broker.AmqpUri.ToString();

        var sandbox = Start("GhlSandbox", new()
        {
            ["GhlSandbox__AutoApprove"] = "true",
            ["GhlSandbox__SnapshotLoadDuration"] = "00:00:01",
        });
        Sandbox = sandbox.Url;
        _tap = GhlTap.Start(Sandbox, Secrets);
        var ghl = _tap.Url.ToString().TrimEnd('/');

        var auth = Start("AuthService", new()
        {
            ["ConnectionStrings__authdb"] = databases["authdb"].ConnectionString,
            ["ConnectionStrings__rabbitmq"] = rabbit,
            ["ConnectionStrings__ghl"] = ghl,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlClientOptions__AuthorizeUrl"] = Sandbox.ToString().TrimEnd('/') + "/oauth/chooselocation",
            ["SessionCookieOptions__SecureCookies"] = "false",
            ["TokenRefreshOptions__ScanInterval"] = "12:00:00",
            ["InternalApiOptions__Keys__0"] = InternalKey,
            ["TokenVaultOptions__Keys__sec"] = VaultKey,
            ["TokenVaultOptions__ActiveKeyId"] = "sec",
        });
        Auth = auth.Url;
        var authUrl = Auth.ToString().TrimEnd('/');

        var provisioning = Start("ProvisioningService", new()
        {
            ["ConnectionStrings__provisioningdb"] = databases["provisioningdb"].ConnectionString,
            ["ConnectionStrings__rabbitmq"] = rabbit,
            ["ConnectionStrings__ghl"] = ghl,
            ["services__auth__http__0"] = authUrl,
            ["GhlClientOptions__ClientId"] = SandboxSeed.ClientId,
            ["GhlClientOptions__ClientSecret"] = SandboxSeed.ClientSecret,
            ["GhlTokenProviderOptions__BaseAddress"] = authUrl,
            ["GhlTokenProviderOptions__InternalKey"] = InternalKey,
            ["StepOptions__SnapshotPollInterval"] = "00:00:00.250",
        });
        Provisioning = provisioning.Url;

        var audit = Start("AuditService", new()
        {
            ["ConnectionStrings__auditdb"] = databases["auditdb"].ConnectionString,
            ["ConnectionStrings__rabbitmq"] = rabbit,
            ["services__auth__http__0"] = authUrl,
        });

        // SnapshotAdvisor is not started: no intake here leaves the snapshot to the advisor. Its route points at a
        // closed port, which the gateway's /health reports; the gateway is waited for on /alive.
        var advisor = $"http://127.0.0.1:{LoopbackPorts.Reserve()}";
        var backends = new Dictionary<string, string>
        {
            ["services__auth__http__0"] = authUrl,
            ["services__provisioning__http__0"] = provisioning.Url.ToString().TrimEnd('/'),
            ["services__advisor__http__0"] = advisor,
            ["services__audit__http__0"] = audit.Url.ToString().TrimEnd('/'),
        };
        var web = Start("Web", new(backends));
        var gateway = Start("Gateway", new(backends)
        {
            ["services__web__http__0"] = web.Url.ToString().TrimEnd('/'),
        });
        Gateway = gateway.Url;

        try
        {
            await Task.WhenAll(
                sandbox.WaitHealthyAsync(StartTimeout), auth.WaitHealthyAsync(StartTimeout), provisioning.WaitHealthyAsync(StartTimeout),
                audit.WaitHealthyAsync(StartTimeout), web.WaitHealthyAsync(StartTimeout), gateway.WaitHealthyAsync(StartTimeout, "/alive"));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + await HealthReportsAsync(), e);
        }
    }

    /// <summary>What each process's /health says now, for a start that timed out.</summary>
    private async Task<string> HealthReportsAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var reports = new List<string>();
        foreach (var process in _processes)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri(process.Url, "/health"));
                reports.Add($"{process.Project} /health {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                reports.Add($"{process.Project} /health: no answer ({e.GetType().Name})");
            }
        }

        return string.Join('\n', reports);
    }

    /// <summary>
    /// Waits until no process has written a line for <paramref name="quiet"/> (their console loggers write from a
    /// background queue), or <paramref name="atMost"/> has passed: a service that logs on a timer never falls quiet.
    /// </summary>
    public async Task WaitForQuietOutputAsync(TimeSpan quiet, TimeSpan atMost)
    {
        var deadline = Environment.TickCount64 + (long)atMost.TotalMilliseconds;
        while (Environment.TickCount64 - Interlocked.Read(ref _lastOutputAt) < quiet.TotalMilliseconds && Environment.TickCount64 < deadline)
        {
            await Task.Delay(100);
        }
    }

    private ServiceProcess Start(string project, Dictionary<string, string> environment)
    {
        var lines = _output.GetOrAdd(project, _ => new ConcurrentQueue<string>());
        var process = ServiceProcess.Start(project, LoopbackPorts.Reserve(), environment, line =>
        {
            lines.Enqueue(line);
            Interlocked.Exchange(ref _lastOutputAt, Environment.TickCount64);
        });
        _processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        if (_tap is not null)
        {
            await _tap.DisposeAsync();
        }

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
