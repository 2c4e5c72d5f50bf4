using Npgsql;
using Provisioner.AppHost.Model;

namespace Provisioner.AppHost.Infrastructure;

/// <summary>Creates each service's database if it is missing (services apply their own migrations).</summary>
public static class DatabaseCreator
{
    private const string DuplicateDatabase = "42P04";

    /// <summary>Returns, per database, whether it was created now (false: it existed).</summary>
    public static async Task<IReadOnlyDictionary<string, bool>> EnsureCreatedAsync(
        string serverConnectionString, IEnumerable<DatabaseResource> databases, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var created = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            created[database.Name] = await CreateIfMissingAsync(connection, database.DatabaseName, cancellationToken);
        }

        return created;
    }

    private static async Task<bool> CreateIfMissingAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = name } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return false;
        }

        // CREATE DATABASE takes no parameters; the name is quoted and comes from ResourceNames plus a validated prefix.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another AppHost created it between our check and our CREATE: it exists, which is all we need.
            return false;
        }
    }
}
