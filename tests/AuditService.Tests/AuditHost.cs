using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.TestSupport;

namespace Provisioner.AuditService.Tests;

/// <summary>
/// The real AuditService on a test server, with a database of its own on the real PostgreSQL and a virtual host of its
/// own on the real RabbitMQ (the audit queue binds to every contract's exchange, and real contracts published here must
/// not reach other services' test queues). Tests publish through a MassTransit bus, as the other services do. Each test
/// (or test class) creates its own host, so no test sees another's data; <see cref="StartSecondAsync"/> adds a competing
/// instance on the same database and queue.
/// </summary>
internal sealed class AuditHost : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly Dictionary<string, string?> settings;
    private readonly bool ownsDatabase;
    private readonly bool ownsBroker;
    private IBusControl? publisher;

    private AuditHost(TestDatabase database, TestVirtualHost broker, Dictionary<string, string?> settings, bool ownsDatabase, bool ownsBroker)
    {
        this.database = database;
        Broker = broker;
        this.settings = settings;
        this.ownsDatabase = ownsDatabase;
        this.ownsBroker = ownsBroker;
    }

    public string ConnectionString => database.ConnectionString;

    public TestVirtualHost Broker { get; }

    public AuditReceiver Receiver => Services.GetRequiredService<AuditReceiver>();

    public IBus Publisher => publisher ?? throw new InvalidOperationException("The host has not started.");

    public static Task<AuditHost> StartAsync(Dictionary<string, string?>? extra = null) => StartAsync(extra, null);

    /// <summary>A host on a virtual host the caller owns (and has prepared).</summary>
    public static Task<AuditHost> StartOnAsync(TestVirtualHost vhost) => StartAsync(null, vhost);

    private static async Task<AuditHost> StartAsync(Dictionary<string, string?>? extra, TestVirtualHost? vhost)
    {
        var database = await TestDatabase.CreateAsync("audit");
        var broker = vhost ?? await TestVirtualHost.CreateAsync("audit");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:auditdb"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = broker.AmqpUri.ToString(),
            ["AuditIngestionOptions:ContractAssemblies:0"] = "Contracts",
            ["AuditIngestionOptions:ContractAssemblies:1"] = "AuditService.Tests",
            ["AuditIngestionOptions:ContractNamespaces:0"] = "Provisioner.Contracts",
            ["AuditIngestionOptions:ContractNamespaces:1"] = "Provisioner.AuditService.Tests.Messages",
            ["AuditIngestionOptions:BatchSize"] = "100",
            ["AuditRetentionOptions:ArchiveAfterDays"] = "0",
            ["ServiceAuthOptions:SigningKeyPem"] = TestTokens.PublicKeyPem,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await StartedAsync(new AuditHost(database, broker, settings, ownsDatabase: true, ownsBroker: vhost is null));
    }

    /// <summary>A second instance of the service on this host's database and queue (competing consumers).</summary>
    public Task<AuditHost> StartSecondAsync() => StartedAsync(new AuditHost(database, Broker, new(settings), ownsDatabase: false, ownsBroker: false));

    private static async Task<AuditHost> StartedAsync(AuditHost host)
    {
        _ = host.Server; // builds and starts the host: migrations run, the receiver declares its topology and consumes
        host.publisher = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(host.Broker.AmqpUri));
        await host.publisher.StartAsync();
        return host;
    }

    public HttpClient ClientFor(string? agency, string role)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return client;
    }

    /// <summary>Stores an entry through the real writer; returns once it is committed.</summary>
    public async Task<Guid> AppendAsync(
        string agency, string type = "Provisioner.Contracts.Test.StepCompleted", string? jobId = null, string? actor = null,
        DateTimeOffset? occurredAt = null, string payload = """{"step":"x"}""")
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<AuditWriter>().AppendAsync(
            new AuditEntry
            {
                MessageId = id,
                AgencyId = agency,
                MessageType = type,
                JobId = jobId,
                Actor = actor,
                OccurredAt = occurredAt ?? DateTimeOffset.UtcNow,
                Payload = payload,
            },
            CancellationToken.None);
        return id;
    }

    public async Task PublishAsync<T>(T message, Guid? messageId = null, Guid? correlationId = null) where T : class =>
        await Publisher.Publish(message, ctx =>
        {
            if (messageId is { } id)
            {
                ctx.MessageId = id;
            }

            if (correlationId is { } correlation)
            {
                ctx.CorrelationId = correlation;
            }
        });

    /// <summary>Waits until the agency has at least <paramref name="count"/> stored entries.</summary>
    public Task WaitForEntriesAsync(string agency, int count) =>
        Eventually.TrueAsync(async () => await this.CountAsync(agency) >= count, TimeSpan.FromSeconds(30), $"{count} entries of {agency}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (publisher is not null)
        {
            await publisher.StopAsync();
        }

        await base.DisposeAsync();
        if (ownsBroker)
        {
            await Broker.DisposeAsync(); // its queues and exchanges go with it
        }

        if (!ownsDatabase)
        {
            return;
        }

        // DROP DATABASE ... WITH (FORCE) cannot end an autovacuum worker that happens to be in the new database
        // (42501); it finishes within moments, so the drop is retried until a deadline.
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await database.DisposeAsync();
                    return true;
                }
                catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20),
            $"dropping {database.Name}");
    }
}
