using Microsoft.Extensions.Configuration;
using Npgsql;
using Provisioner.AppHost.Model;
using Provisioner.AppHost.Output;

namespace Provisioner.AppHost.Infrastructure;

/// <summary>
/// Brings up what the services need before any of them starts: the PostgreSQL server and RabbitMQ (configured or
/// local), one database per service, and the GHL endpoint row. Shows each on the board without credentials.
/// </summary>
public sealed class InfrastructureStartup(ResourceModel model, IConfiguration configuration, LocalServers localServers, StatusBoard board)
{
    public async Task<InfrastructureEndpoints> StartAsync(CancellationToken cancellationToken)
    {
        var configured = ConfiguredInfrastructure.From(configuration);
        var postgresName = model.Postgres?.Name;
        var rabbitName = model.RabbitMq?.Name;
        if (postgresName is not null)
        {
            board.Set(new ResourceStatus(postgresName, "postgres", ResourceState.Starting, Detail: Source(configured.Postgres)));
        }

        if (rabbitName is not null)
        {
            board.Set(new ResourceStatus(rabbitName, "rabbitmq", ResourceState.Starting, Detail: Source(configured.RabbitMq)));
        }

        var scriptEnvironment = configured.NeedsLocalServers
            ? await localServers.StartAsync(cancellationToken)
            : new Dictionary<string, string>();
        var endpoints = configured.Complete(scriptEnvironment);

        if (postgresName is not null)
        {
            board.Update(postgresName, s => s with { State = ResourceState.Running, Url = PostgresAddress(endpoints.Postgres) });
        }

        if (rabbitName is not null)
        {
            board.Update(rabbitName, s => s with { State = ResourceState.Running, Url = RabbitMqAddress(endpoints.RabbitMq) });
        }

        if (model.Postgres is { } server)
        {
            var created = await DatabaseCreator.EnsureCreatedAsync(endpoints.Postgres, server.Databases, cancellationToken);
            foreach (var database in server.Databases)
            {
                board.Set(new ResourceStatus(database.Name, "database", ResourceState.Running,
                    Detail: $"{database.DatabaseName}, {(created[database.Name] ? "created" : "exists")}"));
            }
        }

        if (model.Ghl is { Sandbox: null } external)
        {
            board.Set(new ResourceStatus(external.Name, "external", ResourceState.Running, external.GetConnectionString(endpoints)));
        }

        return endpoints;
    }

    private static string Source(string? configuredValue) => configuredValue is null ? "local server" : "configured";

    /// <summary>host:port only: the connection string carries a password.</summary>
    private static string PostgresAddress(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Host}:{builder.Port}";
    }

    private static string RabbitMqAddress(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? $"{parsed.Scheme}://{parsed.Host}:{parsed.Port}" : "(unparsed URI)";
}
