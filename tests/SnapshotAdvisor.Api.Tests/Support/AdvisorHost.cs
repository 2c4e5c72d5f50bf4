using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;
using Provisioner.GhlClient;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.TestSupport;
using WireMock.RequestBuilders;
using GhlResponse = WireMock.ResponseBuilders.Response;
using WireMock.Server;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>
/// The real SnapshotAdvisor on a test server: its own database on the real PostgreSQL, a WireMock GHL and a fake token
/// provider (or a <see cref="GhlStandIn"/> such as GhlSandbox with its real tokens), MassTransit's in-memory test
/// harness in place of RabbitMQ, and optionally a scripted chat model.
/// </summary>
internal sealed class AdvisorHost : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly IChatCompletionService? _chat;
    private readonly WireMockServer? _wireMock;
    private readonly GhlStandIn? _standIn;
    private readonly bool _tokensFromAuthService;

    private AdvisorHost(TestDatabase database, IChatCompletionService? chat, GhlStandIn? standIn, bool tokensFromAuthService)
    {
        _database = database;
        _chat = chat;
        _standIn = standIn;
        _tokensFromAuthService = tokensFromAuthService;
        _wireMock = standIn is null ? WireMockServer.Start() : null;
    }

    /// <summary>The internal key the service presents to AuthService (the WireMock AuthService checks it).</summary>
    public const string InternalKey = "advisor-tests-internal-key-0123456789abcdef";

    /// <summary>The WireMock GHL of a host started without a <see cref="GhlStandIn"/>.</summary>
    public WireMockServer Ghl => _wireMock ?? throw new InvalidOperationException("This host reads GhlSandbox, not WireMock.");

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <param name="chat">The chat model, or null for the local ranker only.</param>
    /// <param name="ghl">The GHL to read (e.g. GhlSandbox) with its token source; null for WireMock and fixed fake tokens.</param>
    /// <param name="tokensFromAuthService">
    /// Keep the service's own token provider (AuthService's internal API), with the WireMock playing AuthService too.
    /// </param>
    public static async Task<AdvisorHost> StartAsync(IChatCompletionService? chat = null, GhlStandIn? ghl = null, bool tokensFromAuthService = false)
    {
        if (tokensFromAuthService && ghl is not null)
        {
            throw new ArgumentException("AuthService is played by the WireMock, which a GHL stand-in replaces.", nameof(tokensFromAuthService));
        }

        var database = await TestDatabase.CreateAsync("advisor");
        var host = new AdvisorHost(database, chat, ghl, tokensFromAuthService);
        _ = host.Server; // builds and starts the host: migrations run, the bus starts
        await host.Harness.Start();
        return host;
    }

    public HttpClient ClientFor(string? agency, string role = "admin")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return client;
    }

    /// <summary>Makes the fake GHL list these snapshots (id, name, type) for the agency, replacing earlier answers.</summary>
    public void GhlLists(string agency, params (string Id, string Name, string Type)[] snapshots) =>
        Ghl.Given(Request.Create().WithPath("/snapshots/").WithParam("companyId", agency).UsingGet())
            .WithGuid(MappingId(agency))
            .RespondWith(GhlResponse.Create().WithStatusCode(200)
                .WithBodyAsJson(new { snapshots = snapshots.Select(s => new { id = s.Id, name = s.Name, type = s.Type }) }));

    public void GhlFails(string agency, int status) =>
        Ghl.Given(Request.Create().WithPath("/snapshots/").WithParam("companyId", agency).UsingGet())
            .WithGuid(MappingId(agency))
            .RespondWith(GhlResponse.Create().WithStatusCode(status).WithBodyAsJson(new { statusCode = status, message = "fake GHL failure" }));

    /// <summary>Creates the agency's library through the real path: GHL lists it, a sync stores it, PUTs describe it.</summary>
    public async Task SeedAsync(string agency, params SeedSnapshot[] snapshots)
    {
        GhlLists(agency, [.. snapshots.Select(s => (s.Id, s.Name, s.Type))]);
        using var client = ClientFor(agency);
        (await client.PostAsync("/api/snapshots/sync", null)).EnsureSuccessStatusCode();
        foreach (var s in snapshots)
        {
            var response = await client.PutAsJsonAsync($"/api/snapshots/{s.Id}", new { description = s.Description, tags = s.Tags, hidden = s.Hidden });
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<LibrarySnapshot?> FindAsync(string agency, string id) =>
        InScopeAsync(sp => sp.GetRequiredService<AdvisorDbContext>().Snapshots.FindAsync(agency, id).AsTask());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:advisordb", _database.ConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", "amqp://unused:unused@127.0.0.1:1/");
        builder.UseSetting("ConnectionStrings:ghl", _standIn?.BaseUrl.ToString() ?? _wireMock!.Url!);
        builder.UseSetting("GhlClientOptions:ClientId", "65f0a1b2c3d4e5f601234567-provisioner");
        builder.UseSetting("GhlClientOptions:ClientSecret", "sandbox-client-secret");
        builder.UseSetting("GhlClientOptions:MaxRetries", "0");
        builder.UseSetting("GhlTokenProviderOptions:InternalKey", InternalKey);
        if (_tokensFromAuthService)
        {
            builder.UseSetting("GhlTokenProviderOptions:BaseAddress", _wireMock!.Url!);
        }

        builder.UseSetting("ServiceAuthOptions:SigningKeyPem", TestTokens.PublicKeyPem);

        // Tests drive the periodic sync themselves; a timer firing mid-test would make its counts unpredictable.
        builder.UseSetting("SnapshotSyncOptions:Enabled", "false");
        builder.UseSetting("AdvisorModelOptions:Timeout", "00:00:01");
        builder.ConfigureTestServices(services =>
        {
            services.AddMassTransitTestHarness(h => h.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(30)));
            if (!_tokensFromAuthService)
            {
                services.RemoveAll<IGhlTokenProvider>();
                services.AddSingleton<IGhlTokenProvider>(_standIn?.Tokens ?? new FakeGhlTokenProvider());
            }
            if (_chat is not null)
            {
                services.AddSingleton(_chat);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _wireMock?.Stop();
        _wireMock?.Dispose();

        // DROP DATABASE ... WITH (FORCE) cannot end an autovacuum worker that is inside the database (42501); it ends
        // within moments, so the drop is retried until a deadline.
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await _database.DisposeAsync();
                    return true;
                }
                catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20),
            $"dropping {_database.Name}");
    }

    private static Guid MappingId(string agency) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(agency)));
}
