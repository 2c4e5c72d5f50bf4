using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.ProvisioningService.Data;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// The real ProvisioningService on a test server: a database of its own on the real PostgreSQL and the real RabbitMQ
/// (with a scheduler queue of its own), tokens signed by <see cref="TestTokens"/>.
/// </summary>
public sealed class ProvisioningHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;

    public string ConnectionString => (database ?? throw new InvalidOperationException("The host has not started.")).ConnectionString;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("provisioning");
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
        builder.UseSetting("ConnectionStrings:rabbitmq", TestEnvironment.RabbitMqUri.ToString());
        builder.UseSetting("MessagingOptions:SchedulerQueueName", "provisioning-test-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("ServiceAuthOptions:SigningKeyPem", TestTokens.PublicKeyPem);
        builder.UseSetting("ProvisioningOptions:MaxUsers", "3");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
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
