using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.ProvisioningService.Data;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// The real ProvisioningService on a test server: a database of its own on the real PostgreSQL, a virtual host of its
/// own on the real RabbitMQ, tokens signed by <see cref="TestTokens"/>. GHL is unreachable here (jobs that run fail
/// fast); <c>SandboxProvisioningHost</c> runs them against a real GhlSandbox.
/// </summary>
public class ProvisioningHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;
    private TestVirtualHost? broker;

    public string ConnectionString => (database ?? throw new InvalidOperationException("The host has not started.")).ConnectionString;

    public virtual async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("provisioning");
        broker = await TestVirtualHost.CreateAsync("provisioning");
        _ = Server; // builds and starts the host: migrations run, the bus starts
    }

    public HttpClient ClientFor(string agency, string role = "operator")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, role));
        return client;
    }

    /// <summary>Runs <paramref name="action"/> on a fresh DbContext of the host and saves it.</summary>
    public async Task WithDbAsync(Func<ProvisioningDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
        await action(db);
        await db.SaveChangesAsync();
    }

    public async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:provisioningdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:rabbitmq", (broker ?? throw new InvalidOperationException("No broker yet.")).AmqpUri.ToString());
        builder.UseSetting("ServiceAuthOptions:SigningKeyPem", TestTokens.PublicKeyPem);
        builder.UseSetting("ProvisioningOptions:MaxUsers", "3");

        // GHL: a closed port unless a subclass points it at a sandbox; jobs that run then fail after quick retries.
        builder.UseSetting("ConnectionStrings:ghl", "http://127.0.0.1:9/");
        builder.UseSetting("GhlClientOptions:ClientId", "65f0a1b2c3d4e5f601234567-provisioner");
        builder.UseSetting("GhlClientOptions:ClientSecret", "test-client-secret");
        builder.UseSetting("GhlTokenProviderOptions:InternalKey", "test-internal-key-0123456789abcdef");
        builder.UseSetting("GhlTokenProviderOptions:BaseAddress", "http://127.0.0.1:9/");
        builder.UseSetting("JobRunOptions:RetryBaseDelay", "00:00:00.100");
        builder.UseSetting("JobRunOptions:RetryMaxDelay", "00:00:00.500");
        builder.UseSetting("JobRunOptions:MaxAttempts", "2");
        builder.UseSetting("JobRunOptions:DryRunAdvisorTimeout", "00:00:05");
    }

    /// <summary>For subclasses' own resources, after the service has stopped.</summary>
    protected virtual Task DisposeExtrasAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeExtrasAsync();
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        if (database is null)
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
