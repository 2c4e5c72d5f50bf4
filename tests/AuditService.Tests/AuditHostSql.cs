using Npgsql;

namespace Provisioner.AuditService.Tests;

/// <summary>Direct SQL against a host's database, as the service's role or as the superuser.</summary>
internal static class AuditHostSql
{
    /// <summary>Runs SQL as the PostgreSQL superuser (privileges do not apply to it; triggers still do unless disabled).</summary>
    public static async Task ExecuteAsSuperuserAsync(this AuditHost host, string sql, bool disableTriggers, params object[] values)
    {
        var builder = new NpgsqlConnectionStringBuilder(host.ConnectionString) { Username = "postgres", Password = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        if (disableTriggers)
        {
            // session_replication_role = replica turns ordinary triggers off for this session (superuser only).
            await using var replica = new NpgsqlCommand("SET session_replication_role = replica", connection);
            await replica.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A database outage as the service sees it: its role can open no new connection (53300, transient) and loses the ones
    /// it has (57P01). <see cref="RestoreDatabaseAsync"/> ends it.
    /// </summary>
    public static async Task CutOffDatabaseAsync(this AuditHost host)
    {
        var database = DatabaseOf(host);
        await host.ExecuteAsSuperuserAsync($"ALTER DATABASE \"{database}\" CONNECTION LIMIT 0", disableTriggers: false);
        await host.ExecuteAsSuperuserAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename <> 'postgres'", disableTriggers: false, database);
    }

    public static Task RestoreDatabaseAsync(this AuditHost host) =>
        host.ExecuteAsSuperuserAsync($"ALTER DATABASE \"{DatabaseOf(host)}\" CONNECTION LIMIT -1", disableTriggers: false);

    private static string DatabaseOf(AuditHost host) => new NpgsqlConnectionStringBuilder(host.ConnectionString).Database!;

    /// <summary>Runs SQL as the service's own role.</summary>
    public static async Task ExecuteAsServiceAsync(this AuditHost host, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(this AuditHost host, string agency)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM audit_entries WHERE agency_id = $1) + (SELECT count(*) FROM audit_archive WHERE agency_id = $1)",
            connection) { Parameters = { new() { Value = agency } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
