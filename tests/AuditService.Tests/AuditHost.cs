using System.Net.Http.Headers;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.TestSupport;

namespace Provisioner.AuditService.Tests;

/// <summary>
/// The real AuditService on a test server, with a database of its own on the real PostgreSQL and MassTransit's
/// in-memory test harness in place of RabbitMQ. Each test creates its own host, so no test sees another's data.
/// </summary>
internal sealed class AuditHost : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly Dictionary<string, string?> settings;

    /// <summary>The real broker's virtual host of this host, or null with the in-memory harness.</summary>
    private readonly TestVirtualHost? broker;

    private AuditHost(TestDatabase database, Dictionary<string, string?> settings, TestVirtualHost? broker)
    {
        this.database = database;
        this.settings = settings;
        this.broker = broker;
    }

    public string ConnectionString => database.ConnectionString;

    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <param name="realBroker">
    /// Use the test RabbitMQ instead of the in-memory harness, in a virtual host of the host's own: the audit queue binds
    /// to every contract's exchange, and real contracts published here must not reach other services' test queues.
    /// </param>
    public static async Task<AuditHost> StartAsync(Dictionary<string, string?>? extra = null, bool realBroker = false)
    {
        var database = await TestDatabase.CreateAsync("audit");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:auditdb"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = "amqp://unused:unused@127.0.0.1:1/",
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

        var broker = realBroker ? await TestVirtualHost.CreateAsync("audit") : null;
        if (broker is not null)
        {
            settings["ConnectionStrings:rabbitmq"] = broker.AmqpUri.ToString();
        }

        var host = new AuditHost(database, settings, broker);
        _ = host.Server; // builds and starts the host: migrations run, the bus starts
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

    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        await Services.GetRequiredService<IBus>().Publish(message, ctx =>
        {
            if (messageId is { } id)
            {
                ctx.MessageId = id;
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

        builder.ConfigureTestServices(services =>
        {
            if (broker is not null)
            {
                Registrations = [.. services];
                return;
            }

            services.AddMassTransitTestHarness(h => h.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(30)));
            services.AddSingleton<DeliveryCounter>();
            services.AddConsumeObserver(sp => sp.GetRequiredService<DeliveryCounter>());
            Registrations = [.. services];
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (broker is not null)
        {
            await broker.DisposeAsync(); // its queues and exchanges go with it
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
