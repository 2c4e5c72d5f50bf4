using Npgsql;

namespace Provisioner.AppHost.Model;

/// <summary>The PostgreSQL server; each service gets a database of its own on it.</summary>
public sealed class PostgresServerResource(string name, string databaseNamePrefix) : Resource(name), IResourceWithConnectionString
{
    private readonly List<DatabaseResource> _databases = [];

    public IReadOnlyList<DatabaseResource> Databases => _databases;

    public DatabaseResource AddDatabase(string name)
    {
        var database = new DatabaseResource(name, this, databaseNamePrefix + name);
        _databases.Add(database);
        return database;
    }

    public string GetConnectionString(InfrastructureEndpoints infrastructure) => infrastructure.Postgres;
}

/// <summary>
/// One service's database. <see cref="Resource.Name"/> is the connection-string name the service asks for;
/// <see cref="DatabaseName"/> is the name on the server (the same unless a prefix isolates a test run).
/// </summary>
public sealed class DatabaseResource(string name, PostgresServerResource server, string databaseName)
    : Resource(name), IResourceWithConnectionString
{
    public PostgresServerResource Server { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public string GetConnectionString(InfrastructureEndpoints infrastructure) =>
        new NpgsqlConnectionStringBuilder(infrastructure.Postgres) { Database = DatabaseName }.ConnectionString;
}
